package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 8037 Appendix A.4, "Ed25519 Signing": Ed25519 is deterministic, so our signature must equal the RFC's. */
class Rfc8037AppendixA4Test {
    private static final String JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    private static final String SIGNING_INPUT = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    private static final String SIGNATURE =
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private final JWSHeader header = new JWSHeader(JWSAlgorithm.EdDSA);
    private final byte[] input = SIGNING_INPUT.getBytes(StandardCharsets.US_ASCII);

    @Test
    void signsExactlyTheAppendixSignature() throws Exception {
        byte[] signature = JwsSignatures.sign(OctetKeyPair.parse(JWK), SigningAlgorithm.EdDSA, header, input);

        assertThat(Base64URL.encode(signature).toString()).isEqualTo(SIGNATURE);
    }

    @Test
    void verifiesTheAppendixSignatureWithThePublicKeyAndNothingElse() throws Exception {
        OctetKeyPair publicKey = OctetKeyPair.parse(JWK).toPublicJWK();
        byte[] signature = new Base64URL(SIGNATURE).decode();

        assertThat(JwsSignatures.verify(publicKey, SigningAlgorithm.EdDSA, header, input, signature))
                .isTrue();
        signature[7] ^= 1;
        assertThat(JwsSignatures.verify(publicKey, SigningAlgorithm.EdDSA, header, input, signature))
                .isFalse();
        assertThat(JwsSignatures.verify(publicKey, SigningAlgorithm.EdDSA, header, input, new byte[63]))
                .isFalse();
        assertThat(JwsSignatures.verify(publicKey, SigningAlgorithm.EdDSA, header, input, new byte[64]))
                .isFalse();
    }
}
