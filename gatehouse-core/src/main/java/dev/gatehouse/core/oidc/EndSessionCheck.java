package dev.gatehouse.core.oidc;

import dev.gatehouse.core.client.Client;
import java.util.Optional;

/** What a request to the end-session endpoint turned out to be. */
public sealed interface EndSessionCheck {

    /** A page at Gatehouse, never a redirect: the redirect is not one the app registered. */
    record Refused(String reason) implements EndSessionCheck {}

    /**
     * @param hint the verified {@code id_token_hint}, if a valid one came
     * @param postLogoutRedirectUri registered for {@code client}, exactly
     */
    record Valid(
            Optional<Client> client,
            Optional<IdTokenHint> hint,
            Optional<String> postLogoutRedirectUri,
            Optional<String> state)
            implements EndSessionCheck {}
}
