package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;

/** RFC 7515 Appendix A.3, "Example JWS Using ECDSA P-256 SHA-256", through the checks our verifier makes. */
class Rfc7515AppendixA3Test {
    private static final String JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
            + "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}";
    private static final String JWS = "eyJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    /**
     * The appendix signature has a high s: standard ECDSA accepts it, and so does its twin with
     * n − s. Gatehouse allows one spelling per token, the low one, so our range check refuses the
     * appendix's and accepts the twin, which verifies with the appendix key.
     */
    @Test
    void theAppendixSignatureVerifiesButHasAHighSWhoseLowTwinIsTheOneWeAccept() throws Exception {
        var parts = CompactJws.split(JWS).orElseThrow();
        assertThat(parts.signatureBytes()).hasSize(64);
        ECKey key = ECKey.parse(JWK);
        assertThat(JWSObject.parse(JWS).verify(new ECDSAVerifier(key.toPublicJWK())))
                .isTrue();

        assertThat(AccessTokenFormat.ecdsaSignatureInRange(parts.signatureBytes()))
                .isFalse();
        byte[] twin = JwsSignatures.lowS(parts.signatureBytes());
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(twin)).isTrue();
        String lowSpelling = JWS.substring(0, JWS.lastIndexOf('.') + 1) + com.nimbusds.jose.util.Base64URL.encode(twin);
        assertThat(JWSObject.parse(lowSpelling).verify(new ECDSAVerifier(key.toPublicJWK())))
                .isTrue();
    }

    @Test
    void whatWeSignWithTheAppendixKeyVerifiesWithItsPublicHalfOnly() throws Exception {
        ECKey key = ECKey.parse(JWK);
        JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"iss\":\"joe\"}"));
        signed.sign(new ECDSASigner(key));

        String compact = signed.serialize();
        assertThat(CompactJws.split(compact)).isPresent();
        assertThat(JWSObject.parse(compact).verify(new ECDSAVerifier(key.toPublicJWK())))
                .isTrue();
        String tampered = compact.substring(0, compact.indexOf('.') + 1) + "eyJpc3MiOiJtYWxsb3J5In0"
                + compact.substring(compact.lastIndexOf('.'));
        assertThat(JWSObject.parse(tampered).verify(new ECDSAVerifier(key.toPublicJWK())))
                .isFalse();
    }
}
