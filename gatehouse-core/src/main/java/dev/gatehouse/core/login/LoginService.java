package dev.gatehouse.core.login;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ScopePolicy;
import dev.gatehouse.core.email.EmailTokenPurpose;
import dev.gatehouse.core.email.EmailTokens;
import dev.gatehouse.core.factor.Factors;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.passkey.AssertionOutcome;
import dev.gatehouse.core.passkey.CeremonyStart;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.NewSession;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionService;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Signing in, and ending a signed-in person's own sessions. Every entry point — the cookie login, the
 * token login, the hosted sign-in page, a passkey — calls {@link #login} or its second step, so each
 * gets the same rate limits, enumeration-proof password check, lock-out bookkeeping, fresh session and
 * audit event; an entry point only parses the request and maps the outcome. Proving oneself again once
 * signed in is {@link StepUpService}'s.
 */
public final class LoginService {
    private static final System.Logger LOG = System.getLogger("gatehouse.login");

    private final AccountService accounts;
    private final SessionService sessions;
    private final RateLimiter limiter;
    private final DeviceTokens devices;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final EmailTokens emailTokens;
    private final boolean requireVerifiedEmail;
    private final SecondFactorService factors;
    private final PendingLogins pendingLogins;
    private final PasskeyService passkeys;
    private final SignInChecks checks;

    /**
     * @param emailTokens whose password-reset links a sign-in or a password change invalidates
     * @param requireVerifiedEmail whether an account must have verified its address to sign in
     */
    public LoginService(
            AccountService accounts,
            SessionService sessions,
            RateLimiter limiter,
            DeviceTokens devices,
            AuditTrail audit,
            Transactions transactions,
            EmailTokens emailTokens,
            boolean requireVerifiedEmail,
            SecondFactorService factors,
            PendingLogins pendingLogins,
            PasskeyService passkeys) {
        this.emailTokens = emailTokens;
        this.requireVerifiedEmail = requireVerifiedEmail;
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.devices = devices;
        this.audit = audit;
        this.transactions = transactions;
        this.factors = factors;
        this.pendingLogins = pendingLogins;
        this.passkeys = passkeys;
        this.checks = new SignInChecks(accounts, audit);
    }

    /**
     * One sign-in attempt: rate limits first (a refused attempt hashes nothing), then the password,
     * the lock-out bookkeeping, the app's client and scope, the session, the audit trail.
     */
    public LoginOutcome login(LoginAttempt attempt) {
        return login(attempt, Optional.empty());
    }

    /**
     * As {@link #login(LoginAttempt)}, for an app: {@code family} stores the session's refresh family in
     * the transaction that starts the session.
     */
    public LoginOutcome login(LoginAttempt attempt, RefreshFamilyStart family) {
        return login(attempt, Optional.of(family));
    }

    private LoginOutcome login(LoginAttempt attempt, Optional<RefreshFamilyStart> family) {
        String identifier = EmailAddress.identifier(attempt.email());
        String address = attempt.device().ipAddress();
        Optional<String> knownDevice = attempt.deviceToken().flatMap(token -> devices.verify(token, identifier));
        if (limiter.attemptLogin(address, identifier, knownDevice, () -> accounts.loginsForgivenAt(identifier))
                instanceof RateDecision.Refused refused) {
            return new LoginOutcome.Throttled(refused.retryAfter());
        }
        Optional<Client> app = Optional.empty();
        if (attempt.channel() instanceof LoginAttempt.App requested) {
            app = requested.client().filter(SignInChecks::mayLogIn);
            if (app.isEmpty()) {
                return new LoginOutcome.InvalidClient();
            }
        }
        Actor actor = app.map(c -> Actor.client(c.id().value(), address)).orElseGet(() -> Actor.self(address));
        String method = app.isPresent() ? "token" : "cookie";
        var checked = accounts.authenticate(attempt.email(), attempt.password());
        if (!(checked instanceof dev.gatehouse.core.account.PasswordCheck.Authenticated authenticated)) {
            var reason = ((dev.gatehouse.core.account.PasswordCheck.Rejected) checked).reason();
            LOG.log(Level.INFO, method + " login refused: " + reason);
            limiter.loginFailed(identifier, knownDevice);
            audit.record(
                    AuditType.LOGIN_FAILED,
                    Optional.empty(),
                    actor,
                    Map.of(
                            "method",
                            method,
                            "reason",
                            reason.name().toLowerCase(Locale.ROOT),
                            "identifier_sha256",
                            RateLimiter.digest(identifier),
                            "device",
                            knownDevice.isPresent() ? "known" : "unknown"));
            return new LoginOutcome.Refused();
        }
        Account account = authenticated.account();
        if (requireVerifiedEmail && !account.emailVerified()) {
            // The password was right: not a failure for the lock-out, but no session either.
            checks.auditRefusal(account, actor, method, "email_not_verified");
            return new LoginOutcome.EmailNotVerified();
        }
        String scope = "";
        if (app.isPresent()) {
            String requested = ((LoginAttempt.App) attempt.channel()).scope();
            ScopePolicy.Decision decision = ScopePolicy.forUser(app.get(), account, requested);
            if (decision instanceof ScopePolicy.Decision.Refused refused) {
                // No login happened: audited, and the failures so far stay counted.
                checks.auditRefusal(account, actor, method, "scope_refused", "scope", requested);
                return new LoginOutcome.ScopeRefused(refused.detail());
            }
            scope = ((ScopePolicy.Decision.Granted) decision).scope();
        }
        Factors enrolled = factors.factors(account.id());
        if (enrolled.any()) {
            // The password was right, but nothing is forgiven yet: wrong codes keep counting towards lock-out.
            SessionKind kind = app.isPresent() ? SessionKind.APP : SessionKind.BROWSER;
            Optional<String> appId = app.map(c -> c.id().value());
            String grantedScope = scope;
            // Like a session, a pending login must not outlive a lock or a password change made meanwhile.
            Optional<PendingLogins.Started> pending =
                    transactions.inOne(() -> checks.changedMeanwhile(account, actor, method)
                            ? Optional.empty()
                            : Optional.of(pendingLogins.start(account.id(), kind, appId, grantedScope)));
            if (pending.isEmpty()) {
                return new LoginOutcome.Refused();
            }
            return new LoginOutcome.SecondFactorRequired(
                    pending.get().token(), pending.get().login().expiresAt(), SecondSteps.methods(enrolled));
        }
        return signedIn(
                account,
                identifier,
                knownDevice,
                attempt.channel(),
                app.isPresent(),
                attempt.device(),
                actor,
                AuthenticationMethod.PASSWORD,
                scope,
                family);
    }

    /**
     * The second step of a sign-in that answered {@link LoginOutcome.SecondFactorRequired}: the same rate
     * limits as a password (per address and per account), a few tries per pending login, a wrong code
     * counted as a failed login for lock-out and audit, then the session as {@link #login} starts it.
     * The pending login is single use: a right code ends it, and so does running out of tries.
     */
    public LoginOutcome completeLogin(SecondFactorAttempt attempt) {
        return completeLogin(attempt, Optional.empty());
    }

    /** As {@link #completeLogin(SecondFactorAttempt)}, for an app: see {@link #login(LoginAttempt, RefreshFamilyStart)}. */
    public LoginOutcome completeLogin(SecondFactorAttempt attempt, RefreshFamilyStart family) {
        return completeLogin(attempt, Optional.of(family));
    }

    private LoginOutcome completeLogin(SecondFactorAttempt attempt, Optional<RefreshFamilyStart> family) {
        Optional<PendingLogin> found =
                PendingLoginToken.parse(attempt.pendingLogin()).flatMap(pendingLogins::find);
        if (found.isEmpty()) {
            return new LoginOutcome.SignInAgain();
        }
        PendingLogin pending = found.get();
        boolean app = attempt.channel() instanceof LoginAttempt.App;
        Optional<String> clientId = attempt.channel() instanceof LoginAttempt.App requested
                ? requested.client().map(c -> c.id().value())
                : Optional.empty();
        if ((pending.kind() == SessionKind.APP) != app || !pending.clientId().equals(clientId)) {
            return new LoginOutcome.Refused();
        }
        if (attempt.channel() instanceof LoginAttempt.App requested
                && requested
                        .client()
                        .filter(SignInChecks::mayLogIn)
                        .filter(c -> !c.createdAt().isAfter(pending.createdAt()))
                        .isEmpty()) {
            // The same id, but not the client the password step checked: deleted since, changed so that
            // it may no longer log in, or deleted and made again (with other grants or scopes). The
            // pending login ends with it; it never passes to another registration.
            pendingLogins.end(pending);
            return new LoginOutcome.InvalidClient();
        }
        Optional<Account> owner = accounts.find(pending.accountId()).filter(a -> !a.locked());
        if (owner.isEmpty()) {
            pendingLogins.end(pending);
            return new LoginOutcome.SignInAgain();
        }
        Account account = owner.get();
        String identifier = EmailAddress.identifier(account.email().value());
        String address = attempt.device().ipAddress();
        Optional<String> knownDevice = attempt.deviceToken().flatMap(token -> devices.verify(token, identifier));
        if (limiter.attemptLogin(address, identifier, knownDevice, () -> accounts.loginsForgivenAt(identifier))
                instanceof RateDecision.Refused refused) {
            return new LoginOutcome.Throttled(refused.retryAfter());
        }
        Actor actor = clientId.map(id -> Actor.client(id, address)).orElseGet(() -> Actor.self(address));
        String method = app ? "token" : "cookie";
        if (!pendingLogins.countAttempt(pending)) {
            pendingLogins.end(pending);
            return new LoginOutcome.SignInAgain();
        }
        Optional<Set<AuthenticationMethod>> shown = switch (attempt.proof()) {
            case SecondFactorAttempt.TotpCode totp ->
                SecondSteps.codeShown(factors.verifyTotp(account.id(), totp.code()));
            case SecondFactorAttempt.RecoveryCode recovery ->
                SecondSteps.codeShown(factors.useRecoveryCode(account.id(), recovery.code(), actor));
            case SecondFactorAttempt.PasskeyAssertion passkey ->
                SecondSteps.passkeyShown(
                        passkeys.finishSecondFactor(account.id(), passkey.bindingToken(), passkey.response(), actor));
        };
        String factor = switch (attempt.proof()) {
            case SecondFactorAttempt.TotpCode totp -> "totp";
            case SecondFactorAttempt.RecoveryCode recovery -> "recovery_code";
            case SecondFactorAttempt.PasskeyAssertion passkey -> "passkey";
        };
        if (shown.isEmpty()) {
            LOG.log(Level.INFO, method + " login refused: wrong " + factor);
            limiter.loginFailed(identifier, knownDevice);
            checks.auditRefusal(
                    account, actor, method, "wrong_" + factor, "device", knownDevice.isPresent() ? "known" : "unknown");
            return new LoginOutcome.Refused();
        }
        if (!pendingLogins.end(pending)) {
            // Completed at the same moment by another request with the same token: only one may win.
            return new LoginOutcome.SignInAgain();
        }
        return signedIn(
                account,
                identifier,
                knownDevice,
                attempt.channel(),
                app,
                attempt.device(),
                actor,
                shown.get(),
                pending.scope(),
                family);
    }

    /**
     * What the pending login behind {@code pendingLogin} may show as its second step ({@code totp},
     * {@code recovery_code}, {@code passkey}), for the page to offer; empty when it is over.
     */
    public List<String> pendingLoginMethods(String pendingLogin) {
        return PendingLoginToken.parse(pendingLogin)
                .flatMap(pendingLogins::find)
                .map(pending -> SecondSteps.methods(factors.factors(pending.accountId())))
                .orElse(List.of());
    }

    /**
     * Starts a passkey as the second step of the pending login behind {@code pendingLogin}: the challenge
     * names that account's passkeys only. Empty when the pending login is over or the account has none.
     */
    public Optional<CeremonyStart> beginPasskeySecondFactor(String pendingLogin) {
        return PendingLoginToken.parse(pendingLogin)
                .flatMap(pendingLogins::find)
                .filter(pending -> factors.factors(pending.accountId()).passkeys() > 0)
                .map(pending -> passkeys.beginSecondFactor(pending.accountId()));
    }

    /**
     * Starts a sign-in with a discoverable passkey: counted against the address's login window as a
     * password attempt is, because anyone may ask and each start stores a challenge; the account's own
     * limits and lock-out follow in {@link #loginWithPasskey}, once the credential says whose it is.
     */
    public PasskeyStart beginPasskeySignIn(String address) {
        if (limiter.attempt(LimitedAction.LOGIN, address, Optional.empty()) instanceof RateDecision.Refused refused) {
            return new PasskeyStart.Throttled(refused.retryAfter());
        }
        return new PasskeyStart.Started(passkeys.beginSignIn());
    }

    /**
     * A browser's sign-in with a discoverable passkey and no password (user verification required, see
     * {@link PasskeyService#finishSignIn}). The rate limits per address and per account apply as for a
     * password; a locked account is refused; the session's {@code amr} is {@code hwk} or {@code swk} with
     * {@code mfa}: a user-verified passkey is something one has and something one knows or is.
     */
    public LoginOutcome loginWithPasskey(PasskeyLoginAttempt attempt) {
        String address = attempt.device().ipAddress();
        Actor actor = Actor.self(address);
        AssertionOutcome outcome = passkeys.finishSignIn(attempt.bindingToken(), attempt.response(), actor);
        if (!(outcome instanceof AssertionOutcome.Verified verified)) {
            String reason = outcome instanceof AssertionOutcome.Refused refused ? refused.reason() : "possible_clone";
            LOG.log(Level.INFO, "passkey login refused: " + reason);
            audit.record(
                    AuditType.LOGIN_FAILED,
                    outcome instanceof AssertionOutcome.PossibleClone clone
                            ? Optional.of(clone.passkey().accountId().value())
                            : Optional.empty(),
                    actor,
                    Map.of("method", "passkey", "reason", reason));
            return new LoginOutcome.Refused();
        }
        Optional<Account> owner = accounts.find(verified.passkey().accountId()).filter(a -> !a.locked());
        if (owner.isEmpty()) {
            audit.record(
                    AuditType.LOGIN_FAILED,
                    Optional.of(verified.passkey().accountId().value()),
                    actor,
                    Map.of("method", "passkey", "reason", "locked"));
            return new LoginOutcome.Refused();
        }
        Account account = owner.get();
        if (requireVerifiedEmail && !account.emailVerified()) {
            // As for a password: the credential was right, but the address must be confirmed first.
            checks.auditRefusal(account, actor, "passkey", "email_not_verified");
            return new LoginOutcome.EmailNotVerified();
        }
        String identifier = EmailAddress.identifier(account.email().value());
        Optional<String> knownDevice = attempt.deviceToken().flatMap(token -> devices.verify(token, identifier));
        if (limiter.attemptLogin(address, identifier, knownDevice, () -> accounts.loginsForgivenAt(identifier))
                instanceof RateDecision.Refused refused) {
            return new LoginOutcome.Throttled(refused.retryAfter());
        }
        return signedIn(
                account,
                identifier,
                knownDevice,
                new LoginAttempt.Browser(attempt.replacing()),
                false,
                attempt.device(),
                actor,
                verified.amr(),
                "",
                Optional.empty());
    }

    /**
     * The end of every successful sign-in: the session (with an app's refresh family), the audit event,
     * forgiveness, a device token; refused when the account was locked or its password changed while
     * this sign-in checked it.
     */
    private LoginOutcome signedIn(
            Account account,
            String identifier,
            Optional<String> knownDevice,
            LoginAttempt.Channel channel,
            boolean app,
            ClientDetails device,
            Actor actor,
            Set<AuthenticationMethod> amr,
            String scope,
            Optional<RefreshFamilyStart> family) {
        Optional<Session> replaced = channel instanceof LoginAttempt.Browser browser
                ? browser.replacing().flatMap(sessions::inspect)
                : Optional.empty();
        SessionKind kind = app ? SessionKind.APP : SessionKind.BROWSER;
        String method = app ? "token" : "cookie";
        Optional<Client> client = channel instanceof LoginAttempt.App requested ? requested.client() : Optional.empty();
        record Started(NewSession session, Optional<String> refreshToken) {}
        Optional<Started> stored = transactions.inOne(() -> {
            if (checks.changedMeanwhile(account, actor, method)) {
                return Optional.<Started>empty();
            }
            // A session this browser already had is replaced, not kept beside the new one.
            replaced.ifPresent(old -> sessions.revoke(old.accountId(), old.id()));
            // Whoever signs in with the password no longer needs a reset link mailed earlier.
            emailTokens.discard(account.id(), EmailTokenPurpose.PASSWORD_RESET);
            NewSession fresh = sessions.start(account.id(), device, kind, amr);
            Optional<String> refreshToken =
                    family.flatMap(f -> client.map(c -> f.start(account, fresh.session(), c, scope)));
            audit.record(
                    AuditType.LOGIN_SUCCEEDED,
                    Optional.of(account.id().value()),
                    actor,
                    Map.of(
                            "method",
                            method,
                            "session_id",
                            fresh.session().id().value(),
                            "amr",
                            String.join(" ", AuthenticationMethod.wireNames(amr))));
            // Sessions the per-account cap ended to make room are recorded like any other ended one.
            for (SessionId ended : fresh.endedByCap()) {
                audit.record(
                        AuditType.SESSION_REVOKED,
                        Optional.of(account.id().value()),
                        actor,
                        Map.of("session_id", ended.value(), "reason", "session_cap"));
            }
            return Optional.of(new Started(fresh, refreshToken));
        });
        if (stored.isEmpty()) {
            LOG.log(Level.INFO, method + " login refused: the account was locked or its password changed meanwhile");
            return new LoginOutcome.Refused();
        }
        limiter.loginSucceeded(identifier, knownDevice);
        // A fresh token at each login: it renews the device's lifetime and starts its count afresh.
        String deviceToken = devices.issue(identifier);
        Started started = stored.get();
        return new LoginOutcome.LoggedIn(account, started.session(), deviceToken, scope, started.refreshToken());
    }

    /** Logs the caller out: ends the session the request came with. */
    public void logout(AccountId owner, SessionId current, Actor actor) {
        end(owner, current, actor, AuditType.LOGOUT);
    }

    /** Ends one of the caller's own sessions, picked from their list; false when it is not theirs. */
    public boolean endSession(AccountId owner, SessionId session, Actor actor) {
        return end(owner, session, actor, AuditType.SESSION_REVOKED);
    }

    private boolean end(AccountId owner, SessionId session, Actor actor, AuditType type) {
        return transactions.inOne(() -> {
            if (!sessions.revoke(owner, session)) {
                return false;
            }
            audit.record(type, Optional.of(owner.value()), actor, Map.of("session_id", session.value()));
            return true;
        });
    }

    /** "Log out everywhere": every session of the account, and so every token of each; returns how many. */
    public int endAllSessions(AccountId owner, Actor actor) {
        return endMany(owner, actor, "all", () -> sessions.revokeAll(owner));
    }

    /**
     * "Sign out everywhere else": ends every session of the account but {@code current}, the one the
     * request came with, and so every token of each; returns how many.
     */
    public int endOtherSessions(AccountId owner, SessionId current, Actor actor) {
        return endMany(owner, actor, "others", () -> sessions.revokeAllExcept(owner, current));
    }

    /** Ends sessions and records how many in one transaction, so neither lands without the other. */
    private int endMany(AccountId owner, Actor actor, String scope, IntSupplier revoke) {
        return transactions.inOne(() -> {
            int revoked = revoke.getAsInt();
            // "Sign out everywhere (else)" is what an owner does on suspecting someone else is in.
            emailTokens.discardCredentialLinks(owner);
            audit.record(
                    AuditType.SESSION_REVOKED,
                    Optional.of(owner.value()),
                    actor,
                    Map.of("scope", scope, "count", Integer.toString(revoked)));
            return revoked;
        });
    }
}
