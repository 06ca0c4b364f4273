package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** ES256 signing: deterministic nonces (RFC 6979), low-s spelling, keys prepared once per key id. */
class Es256SigningTest {
    private final JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
    private final byte[] input = "eyJhbGciOiJFUzI1NiJ9.e30".getBytes(StandardCharsets.US_ASCII);

    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** RFC 6979 appendix A.2.5: the P-256 key and its SHA-256 signatures of "sample" and "test". */
    private static final ECKey RFC_6979_KEY = new ECKey.Builder(
                    Curve.P_256,
                    base64Url("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"),
                    base64Url("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"))
            .d(base64Url("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"))
            .keyID("rfc6979")
            .build();

    @Test
    void signaturesAreTheOnesRfc6979Publishes() {
        byte[] sample = JwsSignatures.sign(RFC_6979_KEY, SigningAlgorithm.ES256, header, ascii("sample"));
        byte[] test = JwsSignatures.sign(RFC_6979_KEY, SigningAlgorithm.ES256, header, ascii("test"));

        // "sample": the published s is above n / 2, so its low twin n - s is the one we spell.
        BigInteger sampleS = new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16);
        assertThat(hex(sample))
                .isEqualTo("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                        + String.format("%064X", P256_ORDER.subtract(sampleS)));
        assertThat(hex(test))
                .isEqualTo("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                        + "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");
    }

    @Test
    void theNonceComesFromTheKeyAndTheInputSoEachInputHasItsOwn() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("one").generate();
        byte[] other = "eyJhbGciOiJFUzI1NiJ9.e30x".getBytes(StandardCharsets.US_ASCII);

        byte[] first = JwsSignatures.sign(key, SigningAlgorithm.ES256, header, input);
        byte[] again = JwsSignatures.sign(key, SigningAlgorithm.ES256, header, input);
        byte[] ofOther = JwsSignatures.sign(key, SigningAlgorithm.ES256, header, other);

        assertThat(verifies(key, first)).isTrue();
        assertThat(again).isEqualTo(first);
        assertThat(java.util.Arrays.copyOf(ofOther, 32))
                .as("r, and so the nonce, differs with the input")
                .isNotEqualTo(java.util.Arrays.copyOf(first, 32));
        assertThat(JwsSignatures.verify(key.toPublicJWK(), SigningAlgorithm.ES256, header, other, ofOther))
                .isTrue();
    }

    @Test
    void aKeyOnAnotherCurveOrWithoutItsPrivatePartDoesNotSign() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
        ECKey publicOnly =
                new ECKeyGenerator(Curve.P_256).keyID("public").generate().toPublicJWK();

        assertThatThrownBy(() -> JwsSignatures.sign(p384, SigningAlgorithm.ES256, header, input))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JwsSignatures.sign(publicOnly, SigningAlgorithm.ES256, header, input))
                .isInstanceOf(IllegalStateException.class);
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

    private static Base64URL base64Url(String hex) {
        return Base64URL.encode(HexFormat.of().parseHex(hex));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private boolean verifies(ECKey key, byte[] signature) {
        return JwsSignatures.verify(key.toPublicJWK(), SigningAlgorithm.ES256, header, input, signature);
    }
}
