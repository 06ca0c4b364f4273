package dev.gatehouse.core.email;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PreparedPassword;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.login.PendingLogins;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.session.SessionService;
import java.util.Map;
import java.util.Optional;

/**
 * "Forgot password": a link mailed to the account's address, and the new password set with it. Every
 * entry point (the API, the pages, the admin console) gets the same rules from here: a request that
 * reveals nothing, a token stored as a hash and used once, and a completed reset that ends every
 * session of the account, forgives its failed logins and tells the owner.
 */
public final class PasswordResetService {
    private final PendingLogins pendingLogins;
    private final AccountService accounts;
    private final SessionService sessions;
    private final EmailTokens tokens;
    private final MailOutbox outbox;
    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final Transactions transactions;

    public PasswordResetService(
            AccountService accounts,
            SessionService sessions,
            EmailTokens tokens,
            MailOutbox outbox,
            RateLimiter limiter,
            AuditTrail audit,
            Transactions transactions,
            PendingLogins pendingLogins) {
        this.pendingLogins = pendingLogins;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.outbox = outbox;
        this.limiter = limiter;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Asks for a reset link. The same work whether or not an account has the address — one outbox row
     * and one audit event, committed together — so neither the answer nor its timing tells; the outbox
     * worker finds out later and mails only an account that exists and is not locked.
     */
    public void request(String rawEmail, Actor actor) {
        Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
        transactions.inOne(() -> {
            email.ifPresent(address -> outbox.sendTo(MailKind.PASSWORD_RESET, address, Optional.empty()));
            audit.record(
                    AuditType.PASSWORD_RESET_REQUESTED,
                    Optional.empty(),
                    actor,
                    Map.of("identifier_sha256", RateLimiter.digest(EmailAddress.identifier(rawEmail))));
            return null;
        });
    }

    /** An administrator sends the account a reset link; false when there is no such account. */
    public boolean sendLink(AccountId id, Actor actor) {
        Optional<Account> account = accounts.find(id);
        account.ifPresent(found -> transactions.inOne(() -> {
            outbox.sendTo(MailKind.PASSWORD_RESET, found.email(), Optional.of(found.id()));
            audit.record(AuditType.PASSWORD_RESET_REQUESTED, Optional.of(id.value()), actor, Map.of("by", "admin"));
            return null;
        }));
        return account.isPresent();
    }

    /** Whether {@code token} can still set a password (the page shows its form only then). */
    public boolean isUsable(String token) {
        return tokens.peek(EmailTokenPurpose.PASSWORD_RESET, token)
                .flatMap(found -> accounts.find(found.account()))
                .filter(account -> !account.locked())
                .isPresent();
    }

    /**
     * Sets the new password under the normal policy. The token is used up in the same transaction that
     * stores the hash, ends every session of the account (through the feed, their JWTs too), marks the
     * address verified (the link proved it) and queues the "password changed" notice.
     */
    public PasswordResetOutcome complete(String token, Password next, Actor actor) {
        Optional<Account> found = tokens.peek(EmailTokenPurpose.PASSWORD_RESET, token)
                .flatMap(peeked -> accounts.find(peeked.account()))
                .filter(account -> !account.locked());
        if (found.isEmpty()) {
            return new PasswordResetOutcome.InvalidToken();
        }
        Account account = found.get();
        // Hashing takes tens of milliseconds: done before the transaction, which must not wait for it.
        PreparedPassword prepared = accounts.prepareNewPassword(account, next);
        if (prepared instanceof PreparedPassword.Weak weak) {
            return new PasswordResetOutcome.WeakPassword(weak.problem());
        }
        PreparedPassword.Ready ready = (PreparedPassword.Ready) prepared;
        Optional<Integer> ended = transactions.inOne(() -> {
            if (tokens.take(EmailTokenPurpose.PASSWORD_RESET, token)
                    .filter(taken -> taken.account().equals(account.id()))
                    .isEmpty()) {
                return Optional.<Integer>empty();
            }
            accounts.storePasswordHash(account.id(), ready.hash());
            // An address change asked for by whoever the owner is locking out must not land afterwards.
            tokens.discardCredentialLinks(account.id());
            pendingLogins.endAllOf(account.id());
            if (!account.emailVerified()) {
                accounts.markEmailVerified(account.id());
            }
            int revoked = sessions.revokeAll(account.id());
            accounts.forgiveLogins(account.id());
            outbox.send(MailKind.PASSWORD_CHANGED, account);
            audit.record(
                    AuditType.PASSWORD_RESET,
                    Optional.of(account.id().value()),
                    actor,
                    Map.of("sessions_revoked", Integer.toString(revoked)));
            return Optional.of(revoked);
        });
        if (ended.isEmpty()) {
            return new PasswordResetOutcome.InvalidToken();
        }
        // The counters may live in Redis: not worth holding the store's writer for.
        limiter.forgive(account.email().value());
        return new PasswordResetOutcome.Completed(
                account.withPasswordHash(ready.hash()).withEmail(account.email(), true), ended.get());
    }
}
