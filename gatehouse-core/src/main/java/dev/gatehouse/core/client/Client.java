package dev.gatehouse.core.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client.
 *
 * @param secretHash HMAC-SHA-256 of the secret under a server key; empty for first-party clients
 * @param audiences the audiences its access tokens are for; for a resource server, the audiences it
 *     serves, whose access tokens it may introspect
 * @param scopes the scopes its tokens may carry; empty for any scope but the reserved ones (see
 *     {@link ScopePolicy})
 * @param sessionIntrospection whether this resource server may check browsers' cookie sessions by
 *     introspection (the verifier's {@code checkSessionCookie})
 * @param signIn how a web or public client signs users in through the browser; {@link
 *     SignInRegistration#NONE} for the other types
 */
public record Client(
        ClientId id,
        ClientType type,
        Optional<String> secretHash,
        Set<GrantType> grants,
        List<String> audiences,
        Set<String> scopes,
        boolean sessionIntrospection,
        SignInRegistration signIn,
        Instant createdAt) {

    public Client {
        grants = Set.copyOf(grants);
        audiences = List.copyOf(audiences);
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(GrantType grant) {
        return grants.contains(grant);
    }

    /** Whether this client signs users in through the browser (OpenID Connect's authorization code flow). */
    public boolean signsInThroughBrowser() {
        return type.signsInThroughBrowser() && allows(GrantType.AUTHORIZATION_CODE);
    }

    /** Whether an access token for {@code tokenAudience} is meant for this client to accept. */
    public boolean serves(List<String> tokenAudience) {
        return tokenAudience.contains(id.value()) || tokenAudience.stream().anyMatch(audiences::contains);
    }

    @Override
    public String toString() {
        return "Client[" + id + ", " + type + ", grants=" + grants + ", audiences=" + audiences + ", scopes=" + scopes
                + "]";
    }
}
