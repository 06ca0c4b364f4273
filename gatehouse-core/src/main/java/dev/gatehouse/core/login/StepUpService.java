package dev.gatehouse.core.login;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordChangeOutcome;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.email.EmailTokens;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.passkey.AssertionOutcome;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proving again who one is, already signed in: before a password change, a new or removed factor, new
 * recovery codes, an address change and the admin console's acts. Every such check goes through here,
 * so each gets the sign-in's rate limits and lock-out bookkeeping: a stolen session can guess the
 * password or a code no faster than the sign-in form allows. A confirmed step-up is recorded on the
 * session ({@code auth_time}, {@code amr}), so every node and every token issued from it afterwards
 * sees it.
 */
public final class StepUpService {
    /** How long an authentication counts as recent for a sensitive act (OWASP ASVS 5.0 V7.5.3, V6). */
    public static final Duration STEP_UP_WINDOW = Duration.ofMinutes(10);

    private final AccountService accounts;
    private final SessionService sessions;
    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final EmailTokens emailTokens;
    private final SecondFactorService factors;
    private final PasskeyService passkeys;
    private final PendingLogins pendingLogins;

    /** @param emailTokens whose links a password change discards */
    public StepUpService(
            AccountService accounts,
            SessionService sessions,
            RateLimiter limiter,
            AuditTrail audit,
            Transactions transactions,
            EmailTokens emailTokens,
            SecondFactorService factors,
            PasskeyService passkeys,
            PendingLogins pendingLogins) {
        this.pendingLogins = pendingLogins;
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.audit = audit;
        this.transactions = transactions;
        this.emailTokens = emailTokens;
        this.factors = factors;
        this.passkeys = passkeys;
    }

    /**
     * Checks the password of someone already signed in, before an act that asks for it again (the
     * admin console's key rotation, user deletion and client creation). The same limits as a login
     * apply, and a wrong password is a failed login for the lock-out and the audit trail, so a stolen
     * session cannot be used to guess the password faster than the sign-in form allows. No session
     * starts; the caller remembers when the password was confirmed.
     */
    public PasswordConfirmation confirmPassword(Account account, Password password, Actor actor) {
        return confirmPassword(account, password, actor, true);
    }

    /**
     * @param forgive whether a right password forgives the failures so far: not when a code must follow,
     *     or a stolen session that knows the password could guess codes with its count kept at zero
     */
    private PasswordConfirmation confirmPassword(Account account, Password password, Actor actor, boolean forgive) {
        String identifier = EmailAddress.identifier(account.email().value());
        String address = actor.ipAddress().orElse("unknown");
        if (limiter.attemptLogin(address, identifier, Optional.empty(), () -> accounts.loginsForgivenAt(identifier))
                instanceof RateDecision.Refused refused) {
            return new PasswordConfirmation.Throttled(refused.retryAfter());
        }
        var checked = accounts.authenticate(account.email().value(), password);
        if (checked instanceof dev.gatehouse.core.account.PasswordCheck.Authenticated authenticated
                && authenticated.account().id().equals(account.id())) {
            if (forgive) {
                limiter.loginSucceeded(identifier, Optional.empty());
            }
            return new PasswordConfirmation.Confirmed();
        }
        String reason = checked instanceof dev.gatehouse.core.account.PasswordCheck.Rejected rejected
                ? rejected.reason().name().toLowerCase(Locale.ROOT)
                : "other_account";
        limiter.loginFailed(identifier, Optional.empty());
        audit.record(
                AuditType.LOGIN_FAILED,
                Optional.of(account.id().value()),
                actor,
                Map.of("method", "password_confirmation", "reason", reason));
        return new PasswordConfirmation.Refused();
    }

    /**
     * Whether a sensitive change from {@code session} needs the second factor shown again: the account
     * has one and the session has not shown it within {@link #STEP_UP_WINDOW}.
     */
    public boolean needsStepUp(Session session) {
        return factors.factors(session.accountId()).any() && !recentlyAuthenticated(session, STEP_UP_WINDOW);
    }

    /**
     * Whether {@code session}'s person authenticated within {@code window}, and with their second factor
     * when the account has one: what a sensitive act (a password change, adding or removing a factor, new
     * recovery codes, the admin console's acts) asks before it goes ahead.
     */
    public boolean recentlyAuthenticated(Session session, Duration window) {
        boolean recent = sessions.authenticatedWithin(session, window);
        return recent
                && (session.multiFactor()
                        || !factors.factors(session.accountId()).any());
    }

    /**
     * Step-up: the signed-in person gives their password again, and the current code of their
     * authenticator app when the account has one. The same limits and lock-out as a login; when right,
     * the session's {@code auth_time} and {@code amr} record it, so every node (and every token issued
     * from the session afterwards) sees it.
     */
    public StepUpOutcome stepUp(
            Account account, Session session, Password password, Optional<String> code, Actor actor) {
        if (!session.accountId().equals(account.id())) {
            return new StepUpOutcome.Refused();
        }
        boolean withCode = factors.factors(account.id()).any();
        switch (confirmPassword(account, password, actor, !withCode)) {
            case PasswordConfirmation.Throttled throttled -> {
                return new StepUpOutcome.Throttled(throttled.retryAfter());
            }
            case PasswordConfirmation.Refused refused -> {
                return new StepUpOutcome.Refused();
            }
            case PasswordConfirmation.Confirmed confirmed -> {}
        }
        Set<AuthenticationMethod> amr = AuthenticationMethod.PASSWORD;
        if (withCode) {
            String identifier = EmailAddress.identifier(account.email().value());
            if (code.isEmpty() || !factors.verifyTotp(account.id(), code.get())) {
                limiter.loginFailed(identifier, Optional.empty());
                audit.record(
                        AuditType.LOGIN_FAILED,
                        Optional.of(account.id().value()),
                        actor,
                        Map.of("method", "step_up", "reason", code.isEmpty() ? "code_missing" : "wrong_totp"));
                return new StepUpOutcome.Refused();
            }
            limiter.loginSucceeded(identifier, Optional.empty());
            amr = AuthenticationMethod.PASSWORD_AND_CODE;
        }
        return sessions.reauthenticated(session, amr)
                .<StepUpOutcome>map(StepUpOutcome.Confirmed::new)
                .orElseGet(StepUpOutcome.Refused::new);
    }

    /**
     * Step-up with a passkey instead of the password and a code: the signed-in person's own passkey, the
     * user verified by the authenticator (a PIN or a biometric with the key is two factors, as at a sign-in
     * without a password). The same limits and lock-out as a login; when right the session records it.
     */
    public StepUpOutcome stepUpWithPasskey(
            Account account, Session session, String bindingToken, AssertionResponse response, Actor actor) {
        if (!session.accountId().equals(account.id())) {
            return new StepUpOutcome.Refused();
        }
        String identifier = EmailAddress.identifier(account.email().value());
        String address = actor.ipAddress().orElse("unknown");
        if (limiter.attemptLogin(address, identifier, Optional.empty(), () -> accounts.loginsForgivenAt(identifier))
                instanceof RateDecision.Refused refused) {
            return new StepUpOutcome.Throttled(refused.retryAfter());
        }
        AssertionOutcome outcome = passkeys.finishSecondFactor(account.id(), bindingToken, response, actor);
        if (!(outcome instanceof AssertionOutcome.Verified verified)
                || !verified.amr().contains(AuthenticationMethod.MFA)) {
            limiter.loginFailed(identifier, Optional.empty());
            audit.record(
                    AuditType.LOGIN_FAILED,
                    Optional.of(account.id().value()),
                    actor,
                    Map.of(
                            "method",
                            "step_up",
                            "reason",
                            outcome instanceof AssertionOutcome.Verified
                                    ? "passkey_without_user_verification"
                                    : "passkey_refused"));
            return new StepUpOutcome.Refused();
        }
        limiter.loginSucceeded(identifier, Optional.empty());
        return sessions.reauthenticated(session, verified.amr())
                .<StepUpOutcome>map(StepUpOutcome.Confirmed::new)
                .orElseGet(StepUpOutcome.Refused::new);
    }

    /**
     * Changes the password and ends every other session of the account (whoever knew the old password
     * is out), keeping {@code current}, the session the change was made from. The current password is
     * the step-up; an account with a second factor also needs a code unless the session showed one within
     * {@link #STEP_UP_WINDOW}.
     */
    public PasswordChangeOutcome changePassword(
            AccountId owner, SessionId current, Password currentPassword, Password newPassword, Actor actor) {
        return changePassword(owner, current, currentPassword, newPassword, Optional.empty(), actor);
    }

    /** As {@link #changePassword(AccountId, SessionId, Password, Password, Actor)}, with the app's code if given. */
    public PasswordChangeOutcome changePassword(
            AccountId owner,
            SessionId current,
            Password currentPassword,
            Password newPassword,
            Optional<String> code,
            Actor actor) {
        Optional<Session> session =
                sessions.findLive(current).filter(s -> s.accountId().equals(owner));
        boolean stepUp = factors.factors(owner).any()
                && session.filter(s -> recentlyAuthenticated(s, STEP_UP_WINDOW)).isEmpty();
        Optional<String> identifier = accounts.find(owner)
                .map(account -> EmailAddress.identifier(account.email().value()));
        if (stepUp) {
            if (code.isEmpty() || identifier.isEmpty()) {
                return new PasswordChangeOutcome.SecondFactorRequired();
            }
            // Codes are guessed here no faster than at the sign-in, and not at all once the account is locked out.
            String who = identifier.get();
            if (limiter.attemptLogin(
                            actor.ipAddress().orElse("unknown"),
                            who,
                            Optional.empty(),
                            () -> accounts.loginsForgivenAt(who))
                    instanceof RateDecision.Refused) {
                return new PasswordChangeOutcome.SecondFactorRequired();
            }
            if (!factors.verifyTotp(owner, code.get())) {
                limiter.loginFailed(who, Optional.empty());
                audit.record(
                        AuditType.LOGIN_FAILED,
                        Optional.of(owner.value()),
                        actor,
                        Map.of("method", "step_up", "reason", "wrong_totp"));
                return new PasswordChangeOutcome.SecondFactorRequired();
            }
        }
        PasswordChangeOutcome outcome = accounts.preparePasswordChange(owner, currentPassword, newPassword);
        if (!(outcome instanceof PasswordChangeOutcome.Changed changed)) {
            if (stepUp && outcome instanceof PasswordChangeOutcome.WrongCurrentPassword) {
                // The right code with the wrong password is no step-up: only both together count as one.
                limiter.loginFailed(identifier.get(), Optional.empty());
                audit.record(
                        AuditType.LOGIN_FAILED,
                        Optional.of(owner.value()),
                        actor,
                        Map.of("method", "step_up", "reason", "wrong_password"));
            }
            return outcome;
        }
        if (stepUp) {
            session.ifPresent(s -> sessions.reauthenticated(s, AuthenticationMethod.PASSWORD_AND_CODE));
        }
        // Hashed before, stored here: hashing takes tens of milliseconds and must not hold the writer, and
        // the new hash must land with the ending of everything the old password started, not before it.
        int revoked = transactions.inOne(() -> {
            accounts.storePasswordHash(owner, changed.account().passwordHash());
            int ended = sessions.revokeAllExcept(owner, current);
            emailTokens.discardCredentialLinks(owner);
            pendingLogins.endAllOf(owner);
            audit.record(
                    AuditType.PASSWORD_CHANGED,
                    Optional.of(owner.value()),
                    actor,
                    Map.of("other_sessions_revoked", Integer.toString(ended)));
            return ended;
        });
        return new PasswordChangeOutcome.Changed(changed.account(), revoked);
    }
}
