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
 */
public record VerifiedToken(
        String subject,
        Optional<String> sessionId,
        String clientId,
        Set<String> scopes,
        List<String> audience,
        String tokenId,
        Instant expiresAt) {

    public VerifiedToken {
        scopes = Set.copyOf(scopes);
        audience = List.copyOf(audience);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
