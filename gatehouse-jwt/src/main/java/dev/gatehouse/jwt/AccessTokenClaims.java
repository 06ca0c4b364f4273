package dev.gatehouse.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an access token says (RFC 9068 section 2.2).
 *
 * @param sessionId the session behind the token; empty for client-credentials tokens
 */
public record AccessTokenClaims(
        String issuer,
        String subject,
        List<String> audience,
        String clientId,
        String scope,
        Optional<String> sessionId,
        String jwtId,
        Instant issuedAt,
        Instant expiresAt) {

    public AccessTokenClaims {
        audience = List.copyOf(audience);
    }
}
