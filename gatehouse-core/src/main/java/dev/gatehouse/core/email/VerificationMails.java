package dev.gatehouse.core.email;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.SignUpMails;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutbox;
import java.util.Optional;

/** Sign-up's mails, through the outbox: "confirm your address", or "someone tried to sign up". */
public final class VerificationMails implements SignUpMails {
    private final MailOutbox outbox;

    public VerificationMails(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void created(Account account) {
        outbox.send(MailKind.VERIFY_ADDRESS, account);
    }

    @Override
    public void alreadyRegistered(EmailAddress email) {
        outbox.sendTo(MailKind.SIGN_UP_ATTEMPT, email, Optional.empty());
    }
}
