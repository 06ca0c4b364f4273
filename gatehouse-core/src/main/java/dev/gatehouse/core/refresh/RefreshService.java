package dev.gatehouse.core.refresh;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.session.TokenHash;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rotating refresh tokens as an explicit state machine over (family, generation), changed only by an
 * atomic compare-and-set.
 *
 * <p>A successor is derived, not drawn: {@code HMAC(key, family:generation:predecessor)}. So the
 * server can hand the immediate predecessor the very same successor again within the grace window
 * (two tabs, a lost response) without ever storing a token, and concurrent refreshes of one token
 * all receive one successor: the compare-and-set lets one rotation happen, the others find
 * themselves the predecessor and derive the same value.
 *
 * <p>The rules that hold for every caller hold here: a refresh needs the family's session to be live
 * (and counts as its use); a reused token revokes its whole login and records the evidence that tells
 * a race from theft; every rotation and revocation is audited; and one family may refresh only so
 * often, which stops a looping client without punishing its neighbours behind one address.
 */
public final class RefreshService {
    private final RefreshTokenStore store;
    private final KeyedHash derivation;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final RandomSource random;
    private final SessionService sessions;
    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final Transactions transactions;

    public RefreshService(
            RefreshTokenStore store,
            KeyedHash derivation,
            RefreshPolicy policy,
            Clock clock,
            RandomSource random,
            SessionService sessions,
            RateLimiter limiter,
            AuditTrail audit,
            Transactions transactions) {
        this.transactions = transactions;
        this.store = store;
        this.derivation = derivation;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.sessions = sessions;
        this.limiter = limiter;
        this.audit = audit;
    }

    public RefreshPolicy policy() {
        return policy;
    }

    /** Starts a family for a token login; returns its first refresh token. */
    public String start(SessionId session, AccountId account, ClientId client, String scope, List<String> audience) {
        Instant now = now();
        String token = SessionToken.random(random).reveal();
        RefreshFamily family = new RefreshFamily(
                HexFormat.of().formatHex(random.nextBytes(16)),
                session,
                account,
                client,
                0,
                now,
                now,
                now.plus(policy.absoluteTimeout()),
                scope,
                audience);
        store.insertFamily(family, hash(token));
        return token;
    }

    /**
     * Exchanges {@code presented} for its successor, or says why not. {@code presenter} is who presented
     * it, for the rate limit and the evidence of a reuse.
     */
    public RefreshOutcome refresh(String presented, ClientId client, ClientDetails presenter) {
        if (SessionToken.parse(presented).isEmpty()) {
            return new RefreshOutcome.Unknown();
        }
        Optional<PresentedRefreshToken> found = store.findByTokenHash(hash(presented));
        if (found.isEmpty() || !found.get().family().clientId().equals(client)) {
            return new RefreshOutcome.Unknown();
        }
        Instant now = now();
        RefreshFamily family = found.get().family();
        int generation = found.get().generation();
        if (!now.isBefore(family.absoluteExpiresAt())
                || !now.isBefore(family.rotatedAt().plus(policy.idleTimeout()))) {
            return new RefreshOutcome.Expired(family);
        }
        if (limiter.attempt(LimitedAction.REFRESH, presenter.ipAddress(), Optional.of("family:" + family.id()))
                instanceof RateDecision.Refused refused) {
            return new RefreshOutcome.Throttled(refused.retryAfter());
        }
        Optional<Session> login = sessions.findLive(family.sessionId());
        if (login.isEmpty()) {
            // The login ended (logout, revocation, a deleted client): its family died with it.
            return new RefreshOutcome.Unknown();
        }
        String successor = successor(family.id(), generation, presented);
        if (generation == family.generation()) {
            // The rotation, the login's use and the audit event commit together, or none of them.
            RefreshFamily current = family;
            Optional<RefreshOutcome> rotatedNow =
                    transactions.inOne(() -> store.rotate(current.id(), generation, hash(successor), now)
                            ? Optional.of(rotatedNow(rotated(current, now), successor, login.get(), presenter))
                            : Optional.empty());
            if (rotatedNow.isPresent()) {
                return rotatedNow.get();
            }
            // Lost the race to a concurrent refresh of this same token: look again, as its predecessor.
            Optional<PresentedRefreshToken> again = store.findByTokenHash(hash(presented));
            if (again.isEmpty()) {
                return new RefreshOutcome.Unknown();
            }
            family = again.get().family();
        }
        Duration sinceRotation = Duration.between(family.rotatedAt(), now);
        if (generation == family.generation() - 1 && sinceRotation.compareTo(policy.grace()) < 0) {
            return new RefreshOutcome.Rotated(family, successor, login.get());
        }
        RefreshOutcome.ReuseDetected reuse = new RefreshOutcome.ReuseDetected(family, generation, sinceRotation);
        return transactions.inOne(() -> reuseDetected(reuse, login.get(), presenter));
    }

    private RefreshOutcome rotatedNow(RefreshFamily family, String successor, Session login, ClientDetails presenter) {
        sessions.recordUse(login);
        audit.record(
                AuditType.REFRESH_ROTATED,
                Optional.of(family.accountId().value()),
                Actor.client(family.clientId().value(), presenter.ipAddress()),
                Map.of("family_id", family.id(), "generation", Integer.toString(family.generation())));
        return new RefreshOutcome.Rotated(family, successor, login);
    }

    /** A replayed token ends its whole login; the evidence tells a race (same client, moments after) from theft. */
    private RefreshOutcome reuseDetected(RefreshOutcome.ReuseDetected reuse, Session login, ClientDetails presenter) {
        RefreshFamily family = reuse.family();
        sessions.revoke(family.accountId(), family.sessionId());
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("session_id", family.sessionId().value());
        evidence.put("family_id", family.id());
        evidence.put("presented_generation", Integer.toString(reuse.presentedGeneration()));
        evidence.put("current_generation", Integer.toString(family.generation()));
        evidence.put("ms_since_rotation", Long.toString(reuse.sinceRotation().toMillis()));
        evidence.put("user_agent", presenter.userAgent());
        evidence.put(
                "same_ip_as_login", Boolean.toString(login.client().ipAddress().equals(presenter.ipAddress())));
        evidence.put(
                "same_user_agent_as_login",
                Boolean.toString(login.client().userAgent().equals(presenter.userAgent())));
        audit.record(
                AuditType.REFRESH_REUSE_DETECTED,
                Optional.of(family.accountId().value()),
                Actor.client(family.clientId().value(), presenter.ipAddress()),
                evidence);
        return reuse;
    }

    /**
     * RFC 7009 for a refresh token: ends the login it belongs to when {@code client} is the client it was
     * issued to (any generation, so a leaked old token can still be reported). False when nothing ended.
     */
    public boolean revoke(String presented, ClientId client, Actor actor) {
        Optional<RefreshFamily> family =
                familyOf(presented).filter(f -> f.clientId().equals(client));
        if (family.isEmpty()) {
            return false;
        }
        return transactions.inOne(() -> revoke(family.get(), actor));
    }

    private boolean revoke(RefreshFamily family, Actor actor) {
        if (!sessions.revoke(family.accountId(), family.sessionId())) {
            return false;
        }
        audit.record(
                AuditType.TOKEN_REVOKED,
                Optional.of(family.accountId().value()),
                actor,
                Map.of("kind", "refresh_token", "session_id", family.sessionId().value()));
        return true;
    }

    /** The family of {@code presented} whatever its generation, for revocation; empty when unknown. */
    public Optional<RefreshFamily> familyOf(String presented) {
        if (SessionToken.parse(presented).isEmpty()) {
            return Optional.empty();
        }
        return store.findByTokenHash(hash(presented)).map(PresentedRefreshToken::family);
    }

    /**
     * The family of {@code presented} when it is its current, unexpired token of a live login, for
     * introspection.
     */
    public Optional<RefreshFamily> inspect(String presented) {
        if (SessionToken.parse(presented).isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        return store.findByTokenHash(hash(presented))
                .filter(found -> found.generation() == found.family().generation())
                .map(PresentedRefreshToken::family)
                .filter(f -> now.isBefore(f.absoluteExpiresAt())
                        && now.isBefore(f.rotatedAt().plus(policy.idleTimeout())))
                .filter(f -> sessions.findLive(f.sessionId()).isPresent());
    }

    private static RefreshFamily rotated(RefreshFamily f, Instant at) {
        return new RefreshFamily(
                f.id(),
                f.sessionId(),
                f.accountId(),
                f.clientId(),
                f.generation() + 1,
                f.createdAt(),
                at,
                f.absoluteExpiresAt(),
                f.scope(),
                f.audience());
    }

    private String successor(String familyId, int generation, String predecessor) {
        byte[] mac = derivation.bytes(
                (familyId + ":" + (generation + 1) + ":" + predecessor).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static TokenHash hash(String token) {
        return new TokenHash(dev.gatehouse.core.secret.Sha256.hex(token));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The account's token logins, newest first: what an admin sees and may end. */
    public List<RefreshFamily> familiesOf(AccountId accountId) {
        return store.familiesOf(accountId);
    }

    /**
     * Ends the refresh tokens {@code client} holds for {@code account} (the user disconnected the app),
     * leaving the sessions they were issued in alone; returns how many families ended.
     */
    public int endFamilies(AccountId account, ClientId client) {
        int ended = 0;
        for (RefreshFamily family : store.familiesOfClient(client)) {
            if (family.accountId().equals(account) && store.deleteFamily(family.id())) {
                ended++;
            }
        }
        return ended;
    }

    /** The client's token logins: what ends with the client. */
    public List<RefreshFamily> familiesOfClient(ClientId clientId) {
        return store.familiesOfClient(clientId);
    }
}
