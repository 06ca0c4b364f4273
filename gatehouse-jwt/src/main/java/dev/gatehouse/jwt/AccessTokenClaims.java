package dev.gatehouse.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an access token says (RFC 9068 section 2.2).
 *
 * @param sessionId the session behind the token; empty for client-credentials tokens
 * @param amr how the session's person authenticated (RFC 8176 values: {@code pwd}, {@code otp}, {@code hwk},
 *     {@code swk}, {@code mfa}); empty for client-credentials tokens
 * @param authTime when they last did (OpenID Connect Core section 2 {@code auth_time}); empty for
 *     client-credentials tokens
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
        Instant expiresAt,
        List<String> amr,
        Optional<Instant> authTime) {

    public AccessTokenClaims {
        audience = List.copyOf(audience);
        amr = List.copyOf(amr);
    }

    /** Claims without {@code amr} and {@code auth_time}: a service's own token, or one from before them. */
    public AccessTokenClaims(
            String issuer,
            String subject,
            List<String> audience,
            String clientId,
            String scope,
            Optional<String> sessionId,
            String jwtId,
            Instant issuedAt,
            Instant expiresAt) {
        this(
                issuer,
                subject,
                audience,
                clientId,
                scope,
                sessionId,
                jwtId,
                issuedAt,
                expiresAt,
                List.of(),
                Optional.empty());
    }
}
