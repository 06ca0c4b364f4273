package dev.gatehouse.core.key;

import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Instant;

/**
 * One signing key as stored.
 *
 * @param publicJwk the public JWK, JSON
 * @param sealedPrivateJwk the private JWK, encrypted under the key-encryption key
 */
public record SigningKey(
        String kid,
        SigningAlgorithm algorithm,
        KeyState state,
        String publicJwk,
        String sealedPrivateJwk,
        Instant createdAt,
        Instant stateChangedAt) {

    public SigningKey withState(KeyState newState, Instant at) {
        return new SigningKey(kid, algorithm, newState, publicJwk, sealedPrivateJwk, createdAt, at);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", " + algorithm + ", " + state + "]";
    }
}
