package dev.gatehouse.core.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client.
 *
 * @param secretHash HMAC-SHA-256 of the secret under a server key; empty for first-party clients
 * @param audiences the audiences its access tokens are for
 */
public record Client(
        ClientId id,
        ClientType type,
        Optional<String> secretHash,
        Set<GrantType> grants,
        List<String> audiences,
        Instant createdAt) {

    public Client {
        grants = Set.copyOf(grants);
        audiences = List.copyOf(audiences);
    }

    public boolean allows(GrantType grant) {
        return grants.contains(grant);
    }

    @Override
    public String toString() {
        return "Client[" + id + ", " + type + ", grants=" + grants + ", audiences=" + audiences + "]";
    }
}
