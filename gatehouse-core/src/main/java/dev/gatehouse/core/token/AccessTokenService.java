package dev.gatehouse.core.token;

import dev.gatehouse.core.key.KeyRing;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.jwt.AccessTokenClaims;
import dev.gatehouse.jwt.AccessTokenFormat;
import dev.gatehouse.jwt.TokenVerdict;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Issues RFC 9068 access tokens (typed as the policy says) and verifies them strictly. Verification
 * trusts nothing in the token that decides how it is checked: the algorithm comes from the key the
 * {@code kid} names (one per key), the key from our own ring (never from {@code jwk}, {@code jku},
 * {@code x5u} or {@code x5c}), and any header member we do not write is a rejection.
 */
public final class AccessTokenService {

    private final KeyService keys;
    private final RevokedTokenStore revoked;
    private final String issuer;
    private final TokenPolicy policy;
    private final Clock clock;
    private final RandomSource random;
    private final TokenRevocationListener revocations;

    public AccessTokenService(
            KeyService keys,
            RevokedTokenStore revoked,
            String issuer,
            TokenPolicy policy,
            Clock clock,
            RandomSource random,
            TokenRevocationListener revocations) {
        this.keys = keys;
        this.revoked = revoked;
        this.issuer = issuer;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.revocations = revocations;
    }

    /** A service that tells nobody of revocations, for callers without a feed. */
    public AccessTokenService(
            KeyService keys,
            RevokedTokenStore revoked,
            String issuer,
            TokenPolicy policy,
            Clock clock,
            RandomSource random) {
        this(keys, revoked, issuer, policy, clock, random, TokenRevocationListener.NONE);
    }

    public TokenPolicy policy() {
        return policy;
    }

    /** Signs a token for {@code subject}, valid for the configured lifetime from now. */
    public IssuedAccessToken issue(
            String subject, Optional<String> sessionId, String clientId, List<String> audience, String scope) {
        return issue(subject, sessionId, clientId, audience, scope, List.of(), Optional.empty());
    }

    /**
     * Signs a token for {@code subject} carrying how and when its session's person authenticated
     * ({@code amr}, {@code auth_time}).
     */
    public IssuedAccessToken issue(
            String subject,
            Optional<String> sessionId,
            String clientId,
            List<String> audience,
            String scope,
            List<String> amr,
            Optional<Instant> authTime) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(policy.accessTokenTtl());
        String jti = Base64.getUrlEncoder().withoutPadding().encodeToString(random.nextBytes(16));
        var claims = new AccessTokenClaims(
                issuer,
                subject,
                audience,
                clientId,
                scope,
                sessionId,
                jti,
                now,
                expires,
                amr,
                authTime.map(at -> at.truncatedTo(ChronoUnit.SECONDS)));
        KeyRing ring = keys.ring();
        return new IssuedAccessToken(
                AccessTokenFormat.sign(claims, ring.activeKey(), ring.activeAlgorithm(), policy.type()), claims);
    }

    /** Checks a presented token for {@code audience}: structure, header, signature, claims, revocation. */
    public BearerCheck verify(String token, String audience) {
        return verify(token, audiences -> audiences.contains(audience));
    }

    /**
     * Checks a presented token as {@link #verify(String, String)} does, for any audience: for this
     * server's endpoints that serve tokens issued to any of its clients (userinfo).
     */
    public BearerCheck verifyForAnyAudience(String token) {
        return verify(token, audiences -> true);
    }

    private BearerCheck verify(String token, Predicate<List<String>> audience) {
        KeyRing ring = keys.ring();
        TokenVerdict verdict = AccessTokenFormat.verify(
                token,
                kid -> ring.find(kid)
                        .filter(k -> k.state() != KeyState.NEXT)
                        .map(KeyRing.PublishedKey::verificationKey),
                policy.type(),
                issuer,
                audience,
                policy.allowedClockSkew(),
                clock.instant());
        return switch (verdict) {
            case TokenVerdict.Refused refused -> rejected(refused.reason());
            case TokenVerdict.Accepted accepted ->
                revoked.isRevoked(accepted.claims().jwtId())
                        ? rejected("revoked jti")
                        : new BearerCheck.Valid(accepted.claims());
        };
    }

    /** Records that the token with this id must no longer be accepted. */
    public void revoke(AccessTokenClaims claims) {
        revocations.tokenRevoked(claims.jwtId(), claims.expiresAt());
        revoked.revoke(claims.jwtId(), claims.expiresAt());
    }

    public int purgeRevocations() {
        return revoked.purgeExpired(clock.instant());
    }

    private static BearerCheck rejected(String reason) {
        return new BearerCheck.Rejected(reason);
    }
}
