package dev.gatehouse.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.util.Objects;

/**
 * A public key that may verify access tokens, with the one algorithm it is for, prepared once (the
 * curve point validated, the verifier built) so that each verification only computes.
 */
public final class VerificationKey {
    private final JWK publicKey;
    private final SigningAlgorithm algorithm;
    private final JwsSignatures.Verifier verifier;
    private final VerifiedSignatures verified = new VerifiedSignatures(VerifiedSignatures.PER_GENERATION);

    private VerificationKey(JWK publicKey, SigningAlgorithm algorithm, JwsSignatures.Verifier verifier) {
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        this.verifier = verifier;
    }

    /** Prepares {@code publicKey} for {@code algorithm}; fails when the key does not fit the algorithm. */
    public static VerificationKey of(JWK publicKey, SigningAlgorithm algorithm) {
        try {
            JwsSignatures.Verifier verifier = switch (algorithm) {
                case ES256 -> JwsSignatures.es256(publicKey.toECKey());
                case EdDSA -> JwsSignatures.ed25519((OctetKeyPair) publicKey);
                case RS256 -> JwsSignatures.rs256(publicKey.toRSAKey());
            };
            return new VerificationKey(publicKey.toPublicJWK(), algorithm, verifier);
        } catch (JOSEException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "key " + publicKey.getKeyID() + " is not a usable " + algorithm + " key", e);
        }
    }

    public JWK publicKey() {
        return publicKey;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** True when {@code signature} is this key's over {@code signingInput}; a signature seen valid before costs a hash. */
    boolean verify(byte[] signingInput, byte[] signature) {
        String fingerprint = VerifiedSignatures.fingerprint(signingInput, signature);
        if (verified.contains(fingerprint)) {
            return true;
        }
        boolean valid = verifier.verify(signingInput, signature);
        if (valid) {
            verified.remember(fingerprint);
        }
        return valid;
    }

    /** Signatures remembered as valid, for tests. */
    int rememberedSignatures() {
        return verified.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationKey that && publicKey.equals(that.publicKey) && algorithm == that.algorithm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicKey, algorithm);
    }

    @Override
    public String toString() {
        return "VerificationKey[" + publicKey.getKeyID() + ", " + algorithm + "]";
    }
}
