package dev.gatehouse.core.login;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionToken;
import java.util.Optional;

/**
 * One sign-in attempt, as an entry point parsed it.
 *
 * @param device where the attempt came from: the rate limits' address and the new session's details
 * @param deviceToken the device token this client got at an earlier login, if it sent one
 * @param channel a browser (a cookie session) or a first-party app (a token session and its scope)
 */
public record LoginAttempt(
        String email, Password password, ClientDetails device, Optional<String> deviceToken, Channel channel) {

    /** How the session will be carried. */
    public sealed interface Channel {}

    /**
     * A browser: the session goes into a cookie.
     *
     * @param replacing the session this browser already had, ended in favour of the new one so that a
     *     login never leaves two sessions in one cookie jar
     */
    public record Browser(Optional<SessionToken> replacing) implements Channel {}

    /**
     * A first-party app signing a user in with their password, asking for {@code scope}.
     *
     * @param client empty when the {@code client_id} names no client: refused like any other client
     *     that may not log users in, after the rate limits have counted the attempt
     */
    public record App(Optional<Client> client, String scope) implements Channel {}
}
