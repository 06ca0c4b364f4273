package dev.gatehouse.core.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.gatehouse.core.secret.RandomSource;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Ed25519 key pairs as RFC 8037 OKP JWKs, generated with Bouncy Castle's lightweight API: nimbus's own
 * generator and signer for Ed25519 need Tink, which drags in protobuf and more.
 */
final class Ed25519Keys {
    private Ed25519Keys() {}

    static OctetKeyPair generate(String kid, RandomSource random) {
        var privateKey = new Ed25519PrivateKeyParameters(random.nextBytes(Ed25519PrivateKeyParameters.KEY_SIZE), 0);
        return new OctetKeyPair.Builder(
                        Curve.Ed25519,
                        Base64URL.encode(privateKey.generatePublicKey().getEncoded()))
                .d(Base64URL.encode(privateKey.getEncoded()))
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.EdDSA)
                .build();
    }
}
