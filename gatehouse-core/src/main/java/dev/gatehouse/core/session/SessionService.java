package dev.gatehouse.core.session;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.secret.RandomSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Starting, checking, listing and revoking sessions, after Lucia and The Copenhagen Book. */
public final class SessionService {
    /**
     * The most sessions one account keeps, browser and app together. Logins past it end the sessions
     * least recently used: without a bound, a script logging in ten times a minute piles up hundreds of
     * thousands of rows over an app session's fortnight, and "log out everywhere" or a password change
     * becomes one transaction that ends them all.
     */
    public static final int MAX_PER_ACCOUNT = 1_000;

    private final SessionStore store;
    private final SessionPolicy browserPolicy;
    private final SessionPolicy appPolicy;
    private final Clock clock;
    private final RandomSource random;
    private final SessionRevocationListener revocations;
    private final SessionExpiryListener expiries;
    private final Transactions transactions;

    /**
     * @param browserPolicy timeouts of cookie sessions
     * @param appPolicy timeouts of token sessions, which live as long as their refresh tokens may
     * @param revocations told of every revocation before it happens
     */
    public SessionService(
            SessionStore store,
            SessionPolicy browserPolicy,
            SessionPolicy appPolicy,
            Clock clock,
            RandomSource random,
            SessionRevocationListener revocations) {
        this(
                store,
                browserPolicy,
                appPolicy,
                clock,
                random,
                revocations,
                SessionExpiryListener.NONE,
                Transactions.IMMEDIATE);
    }

    /**
     * @param expiries told of expired browser sessions before the purge deletes them, in one transaction
     *     with the delete
     */
    public SessionService(
            SessionStore store,
            SessionPolicy browserPolicy,
            SessionPolicy appPolicy,
            Clock clock,
            RandomSource random,
            SessionRevocationListener revocations,
            SessionExpiryListener expiries,
            Transactions transactions) {
        this.store = store;
        this.browserPolicy = browserPolicy;
        this.appPolicy = appPolicy;
        this.clock = clock;
        this.random = random;
        this.revocations = revocations;
        this.expiries = expiries;
        this.transactions = transactions;
    }

    /** Browser sessions only and nobody to tell of revocations, for callers that need neither. */
    public SessionService(SessionStore store, SessionPolicy policy, Clock clock, RandomSource random) {
        this(store, policy, policy, clock, random, SessionRevocationListener.NONE);
    }

    /** The policy of browser sessions: the cookie's lifetime. */
    public SessionPolicy policy() {
        return browserPolicy;
    }

    public SessionPolicy policyFor(Session session) {
        return session.kind() == SessionKind.APP ? appPolicy : browserPolicy;
    }

    /** Starts a session with a fresh token: every login gets a new one, so none can be fixed in advance. */
    public NewSession start(AccountId accountId, ClientDetails client) {
        return start(accountId, client, SessionKind.BROWSER);
    }

    /** Starts a session of the given kind, with that kind's timeouts, signed in with a password alone. */
    public NewSession start(AccountId accountId, ClientDetails client, SessionKind kind) {
        return start(accountId, client, kind, AuthenticationMethod.PASSWORD);
    }

    /** Starts a session of the given kind, signed in now by {@code amr}. */
    public NewSession start(
            AccountId accountId, ClientDetails client, SessionKind kind, Set<AuthenticationMethod> amr) {
        SessionPolicy policy = kind == SessionKind.APP ? appPolicy : browserPolicy;
        Instant now = now();
        SessionToken token = SessionToken.random(random);
        Session session = new Session(
                SessionId.random(random),
                accountId,
                token.hash(),
                now,
                now,
                now.plus(policy.absoluteTimeout()),
                client,
                kind,
                amr,
                now);
        store.insert(session);
        List<SessionId> ended = endLeastRecentlyUsedBeyondTheCap(accountId, session.id());
        return new NewSession(session, token, ended);
    }

    /**
     * Ends the account's sessions beyond {@link #MAX_PER_ACCOUNT}, least recently used first, never
     * {@code keep}; returns the ones it ended, for the caller's audit record.
     */
    private List<SessionId> endLeastRecentlyUsedBeyondTheCap(AccountId accountId, SessionId keep) {
        long excess = store.countByAccount(accountId) - MAX_PER_ACCOUNT;
        if (excess <= 0) {
            return List.of();
        }
        List<SessionId> doomed = store.leastRecentlyUsed(accountId, keep, (int) Math.min(excess, Integer.MAX_VALUE));
        for (SessionId id : doomed) {
            revocations.sessionRevoked(id);
            store.delete(accountId, id);
        }
        return doomed;
    }

    /**
     * Finds the live session behind {@code token}. Expired sessions are deleted on sight. "Last seen"
     * is written only when the stored value is older than the write interval.
     */
    public SessionCheck check(SessionToken token) {
        Optional<Session> found = store.findByTokenHash(token.hash());
        if (found.isEmpty()) {
            return new SessionCheck.Invalid();
        }
        Session session = found.get();
        Instant now = now();
        SessionPolicy policy = policyFor(session);
        if (session.isExpired(now, policy)) {
            store.delete(session.accountId(), session.id());
            return new SessionCheck.Invalid();
        }
        if (Duration.between(session.lastSeenAt(), now).compareTo(policy.lastSeenWriteInterval()) >= 0) {
            store.updateLastSeen(session.id(), now);
            session = session.withLastSeenAt(now);
        }
        return new SessionCheck.Active(session);
    }

    /**
     * How many sessions are live, every account's, browser and app: those before their absolute end (one
     * idle past its limit counts until the purge removes it, at most a purge interval later).
     */
    public long countLive() {
        return store.countLive(now());
    }

    /** The account's live sessions, newest first. */
    public List<Session> list(AccountId accountId) {
        Instant now = now();
        return store.listByAccount(accountId).stream()
                .filter(s -> !s.isExpired(now, policyFor(s)))
                .toList();
    }

    /** Ends one of the account's sessions; false when it has no such session. */
    public boolean revoke(AccountId accountId, SessionId id) {
        boolean owned =
                store.findById(id).filter(s -> s.accountId().equals(accountId)).isPresent();
        if (!owned) {
            return false;
        }
        revocations.sessionRevoked(id);
        return store.delete(accountId, id);
    }

    /** Ends every session of the account ("log out everywhere"); returns how many ended. */
    public int revokeAll(AccountId accountId) {
        return revokeAllOf(accountId, Optional.empty());
    }

    /** Ends every session of the account but {@code keep}, as after a password change. */
    public int revokeAllExcept(AccountId accountId, SessionId keep) {
        return revokeAllOf(accountId, Optional.of(keep));
    }

    private int revokeAllOf(AccountId accountId, Optional<SessionId> keep) {
        Set<SessionId> announced = new HashSet<>();
        for (Session session : store.listByAccount(accountId)) {
            if (keep.filter(session.id()::equals).isEmpty()) {
                revocations.sessionRevoked(session.id());
                announced.add(session.id());
            }
        }
        List<SessionId> deleted = store.deleteAllOf(accountId, keep);
        // A session started between the listing and the delete is announced late rather than never.
        deleted.stream().filter(id -> !announced.contains(id)).forEach(revocations::sessionRevoked);
        return deleted.size();
    }

    /** Stores keep milliseconds; rounding here keeps what is returned equal to what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The live session behind {@code token}, without counting the look-up as use (for introspection). */
    public Optional<Session> inspect(SessionToken token) {
        Instant now = now();
        return store.findByTokenHash(token.hash()).filter(s -> !s.isExpired(now, policyFor(s)));
    }

    /** The live session with this id, without counting the look-up as use (for bearer tokens). */
    public Optional<Session> findLive(SessionId id) {
        Instant now = now();
        return store.findById(id).filter(s -> !s.isExpired(now, policyFor(s)));
    }

    /**
     * Records that an app used its session (a refresh), so an app in daily use stays logged in past
     * the idle timeout measured from login. Written at most once per write interval, like cookie use.
     */
    public void recordUse(Session session) {
        Instant now = now();
        if (Duration.between(session.lastSeenAt(), now)
                        .compareTo(policyFor(session).lastSeenWriteInterval())
                >= 0) {
            store.updateLastSeen(session.id(), now);
        }
    }

    /**
     * Records that the session's person authenticated again just now (step-up), by {@code amr}; the
     * session as it is now, or empty when it has ended.
     */
    public Optional<Session> reauthenticated(Session session, Set<AuthenticationMethod> amr) {
        Instant now = now();
        return store.updateAuthentication(session.id(), amr, now)
                ? Optional.of(session.withAuthentication(amr, now))
                : Optional.empty();
    }

    /** Whether the session's last authentication (sign-in or step-up) is less than {@code window} ago. */
    public boolean authenticatedWithin(Session session, Duration window) {
        return clock.instant().isBefore(session.authTime().plus(window));
    }

    /**
     * Deletes expired sessions of both kinds; returns how many. The expiry listener hears of the browser
     * sessions first, in the same transaction, so an app's back-channel logout is queued exactly when its
     * session goes; app sessions are never linked to such apps.
     */
    public int purgeExpired() {
        Instant now = now();
        Instant browserIdleCutoff = now.minus(browserPolicy.idleTimeout());
        int browser = transactions.inOne(() -> {
            List<SessionId> expiring = store.findExpired(now, browserIdleCutoff, SessionKind.BROWSER);
            if (expiring.isEmpty()) {
                return 0;
            }
            expiries.sessionsExpiring(expiring);
            return store.deleteExpired(now, browserIdleCutoff, SessionKind.BROWSER);
        });
        return browser + store.deleteExpired(now, now.minus(appPolicy.idleTimeout()), SessionKind.APP);
    }
}
