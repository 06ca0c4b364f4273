package dev.gatehouse.core.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.jwt.VerificationKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys in use at one moment, decrypted once and kept in memory so no request pays for a
 * decryption: the active private key, and every public key a token may still name.
 */
public record KeyRing(JWK activeKey, SigningAlgorithm activeAlgorithm, Map<String, PublishedKey> publishedKeys) {

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
        publishedKeys = Map.copyOf(publishedKeys);
    }

    public Optional<PublishedKey> find(String kid) {
        return Optional.ofNullable(publishedKeys.get(kid));
    }

    /** The JWK Set to publish: public members only, never a private one. */
    public JWKSet publicJwkSet() {
        List<JWK> keys = publishedKeys.values().stream()
                .map(PublishedKey::publicKey)
                .sorted(java.util.Comparator.comparing(JWK::getKeyID))
                .toList();
        return new JWKSet(keys).toPublicJWKSet();
    }
}
