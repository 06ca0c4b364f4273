package dev.gatehouse.core.email;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutbox;
import java.util.Map;
import java.util.Optional;

/**
 * Proving an address: sign-up mails the link ({@link VerificationMails}); "send again" queues another
 * for any address, revealing nothing (the outbox worker mails only an unverified account); following
 * the link with the account's password marks the address verified.
 */
public final class EmailVerificationService {
    private final AccountService accounts;
    private final EmailTokens tokens;
    private final MailOutbox outbox;
    private final AuditTrail audit;
    private final Transactions transactions;

    public EmailVerificationService(
            AccountService accounts,
            EmailTokens tokens,
            MailOutbox outbox,
            AuditTrail audit,
            Transactions transactions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** "Send the link again": the same work whatever the address, as a reset request. */
    public void resend(String rawEmail, Actor actor) {
        Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
        transactions.inOne(() -> {
            email.ifPresent(address -> outbox.sendTo(MailKind.VERIFY_ADDRESS, address, Optional.empty()));
            audit.record(
                    AuditType.EMAIL_VERIFICATION_REQUESTED,
                    Optional.empty(),
                    actor,
                    Map.of("identifier_sha256", RateLimiter.digest(EmailAddress.identifier(rawEmail))));
            return null;
        });
    }

    /**
     * Uses the link, given the account's password too. The link alone proves the mailbox, not that its
     * owner made the account: anyone can sign up with someone else's address and a password of their
     * own, and were a click on the mailed link enough, the owner's click would hand that stranger a
     * verified account under the owner's address (pre-hijacking; relying parties would then be told
     * {@code email_verified}). The owner who did not sign up cannot give the password and resets it
     * instead, which proves the mailbox and ends the stranger's hold. A wrong password leaves the link
     * unused, so that a typo costs nothing; the caller counts it as a failure.
     */
    public VerificationOutcome verify(String token, Password password, Actor actor) {
        Optional<Account> linked =
                tokens.peek(EmailTokenPurpose.VERIFY_ADDRESS, token).flatMap(this::accountOf);
        if (linked.isEmpty()) {
            return new VerificationOutcome.InvalidToken();
        }
        // Hashed outside the transaction: the slow part must not hold the single writer.
        if (!accounts.passwordMatches(linked.get(), password)) {
            return new VerificationOutcome.WrongPassword();
        }
        return transactions.inOne(() -> {
            // Taken only if the password checked above is still the account's.
            Optional<Account> account = tokens.take(EmailTokenPurpose.VERIFY_ADDRESS, token)
                    .flatMap(this::accountOf)
                    .filter(found -> found.passwordHash().equals(linked.get().passwordHash()));
            if (account.isEmpty()) {
                return new VerificationOutcome.InvalidToken();
            }
            Account verified = account.get();
            accounts.markEmailVerified(verified.id());
            audit.record(AuditType.EMAIL_VERIFIED, Optional.of(verified.id().value()), actor, Map.of());
            return new VerificationOutcome.Verified(verified.withEmail(verified.email(), true));
        });
    }

    /** The account a link was mailed for, while it still has the address the link went to. */
    private Optional<Account> accountOf(EmailToken link) {
        return accounts.find(link.account()).filter(found -> found.email().equals(link.address()));
    }
}
