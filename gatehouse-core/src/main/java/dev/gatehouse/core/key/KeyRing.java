package dev.gatehouse.core.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.jwt.VerificationKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys in use at one moment, decrypted once and kept in memory so no request pays for a
 * decryption: one active private key per algorithm in use, and every public key a token may still name.
 *
 * @param activeKeys the active private key of each algorithm Gatehouse signs with
 * @param accessTokenAlgorithm the configured algorithm, the one access tokens use
 */
public record KeyRing(
        Map<SigningAlgorithm, JWK> activeKeys,
        SigningAlgorithm accessTokenAlgorithm,
        Map<String, PublishedKey> publishedKeys) {

    /** A public key that verifies tokens, with the one algorithm it is for, prepared for verification. */
    public record PublishedKey(VerificationKey verificationKey, KeyState state) {
        public JWK publicKey() {
            return verificationKey.publicKey();
        }

        public SigningAlgorithm algorithm() {
            return verificationKey.algorithm();
        }
    }

    public KeyRing {
        activeKeys = Map.copyOf(activeKeys);
        publishedKeys = Map.copyOf(publishedKeys);
        if (!activeKeys.containsKey(accessTokenAlgorithm)) {
            throw new GatehouseException("no active " + accessTokenAlgorithm + " key");
        }
    }

    /** The active key of the access-token algorithm. */
    public JWK activeKey() {
        return activeKeys.get(accessTokenAlgorithm);
    }

    public SigningAlgorithm activeAlgorithm() {
        return accessTokenAlgorithm;
    }

    /** The active key of {@code algorithm}; a bug when the ring holds none. */
    public JWK activeKey(SigningAlgorithm algorithm) {
        JWK key = activeKeys.get(algorithm);
        if (key == null) {
            throw new GatehouseException("no active " + algorithm + " key; the ring has " + activeKeys.keySet());
        }
        return key;
    }

    public Optional<PublishedKey> find(String kid) {
        return Optional.ofNullable(publishedKeys.get(kid));
    }

    /** The JWK Set to publish: public members only, never a private one. */
    public JWKSet publicJwkSet() {
        List<JWK> keys = publishedKeys.values().stream()
                .map(PublishedKey::publicKey)
                .sorted(Comparator.comparing(JWK::getKeyID))
                .toList();
        return new JWKSet(keys).toPublicJWKSet();
    }
}
