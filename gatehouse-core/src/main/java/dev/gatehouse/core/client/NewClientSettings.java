package dev.gatehouse.core.client;

import java.util.List;
import java.util.Set;

/**
 * What is asked of a client being registered: everything but its id, type, secret and creation time.
 *
 * @param scopes empty for any scope but the reserved ones
 */
public record NewClientSettings(
        Set<GrantType> grants, List<String> audiences, Set<String> scopes, boolean sessionIntrospection) {

    public NewClientSettings {
        grants = Set.copyOf(grants);
        audiences = List.copyOf(audiences);
        scopes = Set.copyOf(scopes);
    }

    public static NewClientSettings of(Set<GrantType> grants, List<String> audiences) {
        return new NewClientSettings(grants, audiences, Set.of(), false);
    }
}
