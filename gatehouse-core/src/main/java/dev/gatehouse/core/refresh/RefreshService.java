package dev.gatehouse.core.refresh;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.session.TokenHash;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
 */
public final class RefreshService {
    private final RefreshTokenStore store;
    private final KeyedHash derivation;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final RandomSource random;

    public RefreshService(
            RefreshTokenStore store, KeyedHash derivation, RefreshPolicy policy, Clock clock, RandomSource random) {
        this.store = store;
        this.derivation = derivation;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
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

    /** Exchanges {@code presented} for its successor, or says why not. */
    public RefreshOutcome refresh(String presented, ClientId client) {
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
        String successor = successor(family.id(), generation, presented);
        if (generation == family.generation()) {
            if (store.rotate(family.id(), generation, hash(successor), now)) {
                return new RefreshOutcome.Rotated(rotated(family, now), successor);
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
            return new RefreshOutcome.Rotated(family, successor);
        }
        return new RefreshOutcome.ReuseDetected(family, generation, sinceRotation);
    }

    /** The family of {@code presented} whatever its generation, for revocation; empty when unknown. */
    public Optional<RefreshFamily> familyOf(String presented) {
        if (SessionToken.parse(presented).isEmpty()) {
            return Optional.empty();
        }
        return store.findByTokenHash(hash(presented)).map(PresentedRefreshToken::family);
    }

    /** The family of {@code presented} when it is its current, unexpired token, for introspection. */
    public Optional<RefreshFamily> inspect(String presented) {
        if (SessionToken.parse(presented).isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        return store.findByTokenHash(hash(presented))
                .filter(found -> found.generation() == found.family().generation())
                .map(PresentedRefreshToken::family)
                .filter(f -> now.isBefore(f.absoluteExpiresAt())
                        && now.isBefore(f.rotatedAt().plus(policy.idleTimeout())));
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
    public java.util.List<RefreshFamily> familiesOf(dev.gatehouse.core.account.AccountId accountId) {
        return store.familiesOf(accountId);
    }
}
