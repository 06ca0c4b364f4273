package dev.gatehouse.verifier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The principal behind a verified access token.
 *
 * @param subject the account id (or the client id for service tokens)
 * @param sessionId the Gatehouse session, absent for client-credentials tokens
 * @param authenticationMethods the token's {@code amr} (RFC 8176): {@code pwd} for a password, {@code otp} for
 *     an authenticator app's or a recovery code, {@code mfa} when more than one factor was shown; empty for
 *     client-credentials tokens
 * @param authenticatedAt the token's {@code auth_time}: when the person last authenticated (sign-in or
 *     step-up), absent for client-credentials tokens
 */
public record VerifiedToken(
        String subject,
        Optional<String> sessionId,
        String clientId,
        Set<String> scopes,
        List<String> audience,
        String tokenId,
        Instant expiresAt,
        List<String> authenticationMethods,
        Optional<Instant> authenticatedAt) {

    public VerifiedToken {
        scopes = Set.copyOf(scopes);
        audience = List.copyOf(audience);
        authenticationMethods = List.copyOf(authenticationMethods);
    }

    /** A principal without {@code amr} and {@code auth_time} (a service's own token, or a test's). */
    public VerifiedToken(
            String subject,
            Optional<String> sessionId,
            String clientId,
            Set<String> scopes,
            List<String> audience,
            String tokenId,
            Instant expiresAt) {
        this(subject, sessionId, clientId, scopes, audience, tokenId, expiresAt, List.of(), Optional.empty());
    }

    /** Whether the person showed more than one factor ({@code amr} contains {@code mfa}). */
    public boolean multiFactor() {
        return authenticationMethods.contains("mfa");
    }

    /**
     * Whether the person authenticated within {@code maxAge} of {@code now}: for an API's own step-up rule
     * ("a payout needs a sign-in of the last 5 minutes").
     */
    public boolean authenticatedWithin(java.time.Duration maxAge, Instant now) {
        return authenticatedAt.filter(at -> !at.plus(maxAge).isBefore(now)).isPresent();
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
