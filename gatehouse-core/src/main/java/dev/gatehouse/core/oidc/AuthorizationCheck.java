package dev.gatehouse.core.oidc;

import dev.gatehouse.core.client.Client;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What an authorization request turned out to be. */
public sealed interface AuthorizationCheck {

    /**
     * The client or redirect URI cannot be trusted: the answer is a page at Gatehouse, never a redirect
     * (RFC 6749 section 4.1.2.1), or Gatehouse would be an open redirector.
     */
    record Unredirectable(String reason) implements AuthorizationCheck {}

    /** An error to send to the (registered) redirect URI, with the request's state. */
    record RedirectError(Client client, String redirectUri, Optional<String> state, String error, String description)
            implements AuthorizationCheck {}

    /** A well-formed request of a registered client to one of its redirect URIs. */
    record Valid(
            Client client,
            String redirectUri,
            String scope,
            Optional<String> state,
            Optional<String> nonce,
            String codeChallenge,
            Set<String> prompt,
            Optional<Duration> maxAge,
            Optional<String> loginHint)
            implements AuthorizationCheck {

        public RedirectError error(String error, String description) {
            return new RedirectError(client, redirectUri, state, error, description);
        }
    }
}
