package dev.gatehouse.core.token;

import dev.gatehouse.jwt.AccessTokenType;
import java.time.Duration;

/**
 * Lifetimes and type of access tokens.
 *
 * @param accessTokenTtl minutes, not hours: revocation of a JWT is only as fast as its holders learn of it
 * @param allowedClockSkew how far another clock may be off when checking exp, nbf and iat
 * @param type the {@code typ} header written and the only one accepted: RFC 9068's {@code at+jwt} unless an
 *     operator chose {@code JWT} for resource servers that accept nothing else
 */
public record TokenPolicy(Duration accessTokenTtl, Duration allowedClockSkew, AccessTokenType type) {
    public static final TokenPolicy DEFAULT =
            new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(60), AccessTokenType.AT_JWT);

    public TokenPolicy {
        if (accessTokenTtl.compareTo(Duration.ofSeconds(30)) < 0 || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("access token lifetime must be 30s to 1h");
        }
        if (allowedClockSkew.isNegative() || allowedClockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("allowed clock skew must be 0 to 5m");
        }
    }
}
