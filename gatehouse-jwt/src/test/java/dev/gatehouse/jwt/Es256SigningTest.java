package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ES256 signing through the signers prepared once per key. */
class Es256SigningTest {
    private final JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
    private final byte[] input = "eyJhbGciOiJFUzI1NiJ9.e30".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signaturesOfOneKeyVerifyAndDifferEachTime() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("one").generate();

        byte[] first = JwsSignatures.sign(key, SigningAlgorithm.ES256, header, input);
        byte[] second = JwsSignatures.sign(key, SigningAlgorithm.ES256, header, input);

        assertThat(verifies(key, first)).isTrue();
        assertThat(verifies(key, second)).isTrue();
        assertThat(first).as("a fresh nonce for every signature").isNotEqualTo(second);
    }

    /** A key replaced under the same id (restored from a backup, say) must not sign with the old one. */
    @Test
    void aNewKeyUnderAnOldIdSignsWithTheNewKey() throws Exception {
        ECKey old = new ECKeyGenerator(Curve.P_256).keyID("reused").generate();
        ECKey replacement = new ECKeyGenerator(Curve.P_256).keyID("reused").generate();
        JwsSignatures.sign(old, SigningAlgorithm.ES256, header, input);

        byte[] signature = JwsSignatures.sign(replacement, SigningAlgorithm.ES256, header, input);

        assertThat(verifies(replacement, signature)).isTrue();
        assertThat(verifies(old, signature)).isFalse();
    }

    @Test
    void aKeyWithoutAnIdSigns() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();

        assertThat(verifies(key, JwsSignatures.sign(key, SigningAlgorithm.ES256, header, input)))
                .isTrue();
    }

    private boolean verifies(ECKey key, byte[] signature) {
        return JwsSignatures.verify(key.toPublicJWK(), SigningAlgorithm.ES256, header, input, signature);
    }
}
