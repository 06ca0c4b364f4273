package dev.gatehouse.core.login;

import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.session.ClientDetails;
import java.util.Optional;

/**
 * The second step of a sign-in: the pending login's token and the proof, as an entry point parsed them.
 *
 * @param pendingLogin the token the first step answered with (cookie or JSON), as presented
 * @param channel the same kind of channel as the first step; an app must be the same client
 */
public record SecondFactorAttempt(
        String pendingLogin,
        Proof proof,
        ClientDetails device,
        Optional<String> deviceToken,
        LoginAttempt.Channel channel) {

    /** What the person showed. */
    public sealed interface Proof {}

    /** The current code of their authenticator app. */
    public record TotpCode(String code) implements Proof {
        @Override
        public String toString() {
            return "TotpCode[redacted]";
        }
    }

    /** One of their recovery codes, used up by this. */
    public record RecoveryCode(String code) implements Proof {
        @Override
        public String toString() {
            return "RecoveryCode[redacted]";
        }
    }

    /**
     * One of their passkeys, answering the challenge bound to this browser's passkey cookie.
     *
     * @param bindingToken the value of the browser's passkey-challenge cookie
     */
    public record PasskeyAssertion(String bindingToken, AssertionResponse response) implements Proof {
        @Override
        public String toString() {
            return "PasskeyAssertion[bindingToken=redacted, credential=" + response.credentialId() + "]";
        }
    }
}
