package dev.gatehouse.core.login;

import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionToken;
import java.util.Optional;

/**
 * A browser's sign-in with a passkey and no password, as an entry point parsed it.
 *
 * @param bindingToken the value of the browser's passkey-challenge cookie
 * @param replacing the session this browser already had, ended in favour of the new one
 */
public record PasskeyLoginAttempt(
        String bindingToken,
        AssertionResponse response,
        ClientDetails device,
        Optional<String> deviceToken,
        Optional<SessionToken> replacing) {
    @Override
    public String toString() {
        return "PasskeyLoginAttempt[bindingToken=redacted, credential=" + response.credentialId() + "]";
    }
}
