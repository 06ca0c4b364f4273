package dev.gatehouse.core.passkey;

import java.time.Instant;
import java.util.List;

/**
 * A ceremony begun: the page passes {@code challenge} to the browser's WebAuthn call and keeps
 * {@code bindingToken} in its own {@code __Host-} cookie, so the answer is accepted from this browser only.
 *
 * @param challenge 32 random bytes, unpadded base64url
 * @param credentials the account's passkeys: to exclude when registering, to allow for a second factor;
 *     empty for a sign-in with a discoverable credential
 */
public record CeremonyStart(String bindingToken, String challenge, Instant expiresAt, List<PasskeyId> credentials) {
    public CeremonyStart {
        credentials = List.copyOf(credentials);
    }

    @Override
    public String toString() {
        return "CeremonyStart[bindingToken=redacted, challenge=" + challenge + ", expiresAt=" + expiresAt + "]";
    }
}
