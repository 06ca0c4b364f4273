package dev.gatehouse.core.email;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.EmailAddress;
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
 * the link marks the address verified.
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

    /** Uses the link: the account's address is verified if it is still the address the link went to. */
    public VerificationOutcome verify(String token, Actor actor) {
        return transactions.inOne(() -> {
            Optional<Account> account = tokens.take(EmailTokenPurpose.VERIFY_ADDRESS, token)
                    .flatMap(taken -> accounts.find(taken.account())
                            .filter(found -> found.email().equals(taken.address())));
            if (account.isEmpty()) {
                return new VerificationOutcome.InvalidToken();
            }
            Account verified = account.get();
            accounts.markEmailVerified(verified.id());
            audit.record(AuditType.EMAIL_VERIFIED, Optional.of(verified.id().value()), actor, Map.of());
            return new VerificationOutcome.Verified(verified.withEmail(verified.email(), true));
        });
    }
}
