package dev.gatehouse.core.client;

import java.util.List;
import java.util.Set;

/**
 * What is asked of a client being registered: everything but its id, type, secret and creation time.
 *
 * @param scopes empty for any scope but the reserved ones
 * @param signIn for web and public clients: their redirect URIs and consent
 */
public record NewClientSettings(
        Set<GrantType> grants,
        List<String> audiences,
        Set<String> scopes,
        boolean sessionIntrospection,
        SignInRegistration signIn) {

    public NewClientSettings {
        grants = Set.copyOf(grants);
        audiences = List.copyOf(audiences);
        scopes = Set.copyOf(scopes);
    }

    public NewClientSettings(
            Set<GrantType> grants, List<String> audiences, Set<String> scopes, boolean sessionIntrospection) {
        this(grants, audiences, scopes, sessionIntrospection, SignInRegistration.NONE);
    }

    public static NewClientSettings of(Set<GrantType> grants, List<String> audiences) {
        return new NewClientSettings(grants, audiences, Set.of(), false);
    }
}
