package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import dev.gatehouse.jwt.AccessTokenFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every reason the SDK rejects a token, each with a token crafted byte by byte and signed with the test
 * issuer's own key where the signature is not the point, so that only the one flaw can be the cause.
 */
class VerifierRejectionsTest {
    private static final byte[] P256_ORDER =
            HexFormat.of().parseHex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final FakeIssuer issuer;
    private final GatehouseVerifier verifier;

    VerifierRejectionsTest() throws Exception {
        issuer = new FakeIssuer();
        verifier = GatehouseVerifier.builder()
                .issuer(issuer.issuer)
                .audience("orders-api")
                .withoutRevocationFeedUnsafe()
                .allowInsecureHttpForLocalDevelopment()
                .cacheSize(0)
                .clock(new MutableClock(now))
                .build();
    }

    @AfterEach
    void close() {
        verifier.close();
        issuer.close();
    }

    private ECKey k1() {
        return issuer.keys.getFirst();
    }

    private String header() {
        return "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}";
    }

    private String claims() {
        return claimsWith(null, null);
    }

    /**
     * Valid claims with {@code name} set to {@code rawJson} (a JSON value as written; {@code null} removes
     * the claim). Replaced, not repeated: a repeated member makes the whole token malformed.
     */
    private String claimsWith(String name, String rawJson) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", quoted(issuer.issuer.toString()));
        claims.put("sub", quoted("ada"));
        claims.put("aud", "[\"orders-api\"]");
        claims.put("client_id", quoted("mobile"));
        claims.put("scope", quoted("read"));
        claims.put("jti", quoted("j1"));
        claims.put("iat", Long.toString(now.getEpochSecond()));
        claims.put("exp", Long.toString(now.plusSeconds(300).getEpochSecond()));
        if (name != null) {
            if (rawJson == null) {
                claims.remove(name);
            } else {
                claims.put(name, rawJson);
            }
        }
        return claims.entrySet().stream()
                .map(e -> quoted(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String signed(String headerJson, String claimsJson, ECKey key) throws Exception {
        String input = b64(headerJson) + "." + b64(claimsJson);
        byte[] signature = new ECDSASigner(key)
                .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII))
                .decode();
        return input + "." + b64(AccessTokenFormat.canonicalEs256Signature(signature));
    }

    /** (r, n − s): verifies like (r, s), and is the spelling Gatehouse never writes. */
    private static byte[] highS(byte[] lowSignature) {
        java.math.BigInteger n = new java.math.BigInteger(1, P256_ORDER);
        java.math.BigInteger s = new java.math.BigInteger(1, Arrays.copyOfRange(lowSignature, 32, 64));
        byte[] flipped = n.subtract(s).toByteArray();
        byte[] result = Arrays.copyOf(lowSignature, 64);
        Arrays.fill(result, 32, 64, (byte) 0);
        int length = Math.min(flipped.length, 32);
        System.arraycopy(flipped, flipped.length - length, result, 64 - length, length);
        return result;
    }

    private static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + b64(signature);
    }

    private RejectionReason reason(String token) {
        VerificationResult result = verifier.verify(token);
        assertThat(result).as(token).isInstanceOf(VerificationResult.Rejected.class);
        return ((VerificationResult.Rejected) result).reason();
    }

    @Test
    void theCraftedBaselineVerifies() throws Exception {
        // Proof that the helpers make valid tokens: each case below differs from this by one flaw.
        assertThat(verifier.verify(signed(header(), claims(), k1())).isVerified())
                .isTrue();
    }

    @Test
    void malformedTokens() throws Exception {
        String good = signed(header(), claims(), k1());
        String[] parts = good.split("\\.");

        assertThat(reason("a.b")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(good + ".x")).as("five parts: JWE").isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(parts[0] + "=." + parts[1] + "." + parts[2]))
                .as("padding")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(parts[0] + "." + parts[1] + "+." + parts[2]))
                .as("base64, not base64url")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(signed(header(), claimsWith("pad", quoted("x".repeat(9_000))), k1())))
                .as("over 8 KiB")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(signed(header(), claimsWith("deep", "[".repeat(9) + "]".repeat(9)), k1())))
                .as("nested deeper than 8")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(signed(header(), claimsWith("exp", quoted("soon")), k1())))
                .as("exp not a number")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(signed(header(), claimsWith("aud", "{\"orders-api\":true}"), k1())))
                .as("aud neither string nor array")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(signed(header(), claimsWith("exp", "1e300"), k1())))
                .as("exp beyond any instant")
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(reason(signed(header(), claims().replace("}", ",\"sub\":\"root\"}"), k1())))
                .as("a repeated member: which one counts is for no parser to decide")
                .isEqualTo(RejectionReason.MALFORMED);
        for (String notAnObject : new String[] {"null", "[]", "\"x\"", "1", "true"}) {
            assertThat(reason(b64(notAnObject) + "." + parts[1] + "." + parts[2]))
                    .as("header " + notAnObject)
                    .isEqualTo(RejectionReason.MALFORMED);
            assertThat(reason(signed(header(), notAnObject, k1())))
                    .as("payload " + notAnObject)
                    .isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void headerFlaws() throws Exception {
        String claims = claims();

        for (String header : new String[] {
            "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"k1\",\"jku\":\"https://evil.example/jwks\"}",
            "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"k1\",\"jwk\":{}}",
            "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"k1\",\"crit\":[\"exp\"]}",
            "{\"alg\":\"ES256\",\"kid\":\"k1\"}",
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
            "{\"alg\":\"ES256\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"ES384\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}",
            "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}",
        }) {
            assertThat(reason(signed(header, claims, k1()))).as(header).isEqualTo(RejectionReason.HEADER);
        }
        String none = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}") + "." + b64(claims) + ".";
        assertThat(reason(none)).as("alg none").isIn(RejectionReason.HEADER, RejectionReason.MALFORMED);
    }

    @Test
    void algorithmConfusionWithThePublicKeyAsAnHmacSecretFails() throws Exception {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}") + "." + b64(claims());
        byte[] secret = k1().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        byte[] mac = new MACSigner(Arrays.copyOf(secret, Math.max(32, secret.length)))
                .sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII))
                .decode();

        assertThat(reason(input + "." + b64(mac))).isEqualTo(RejectionReason.HEADER);
    }

    @Test
    void unknownKid() throws Exception {
        String header = "{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"nobody\"}";

        assertThat(reason(signed(header, claims(), k1()))).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void badSignatures() throws Exception {
        String good = signed(header(), claims(), k1());
        byte[] signature = Base64.getUrlDecoder().decode(good.substring(good.lastIndexOf('.') + 1));
        byte[] sIsZero = Arrays.copyOf(signature, 64);
        Arrays.fill(sIsZero, 32, 64, (byte) 0);
        byte[] sIsTheOrder = Arrays.copyOf(signature, 64);
        System.arraycopy(P256_ORDER, 0, sIsTheOrder, 32, 32);
        String[] parts = good.split("\\.");

        assertThat(reason(signed(header(), claims(), FakeIssuer.newKey("k1"))))
                .as("another key claiming kid k1")
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(parts[0] + "." + b64(claimsWith("sub", quoted("root"))) + "." + parts[2]))
                .as("claims changed after signing")
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(good, sIsZero))).as("s = 0").isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(good, sIsTheOrder))).as("s = n").isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(good, highS(signature))))
                .as("the high-s twin of a valid signature: one token, one spelling")
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(good, Arrays.copyOf(signature, 65))))
                .as("65 bytes")
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(withSignature(good, new byte[0])))
                .isIn(RejectionReason.BAD_SIGNATURE, RejectionReason.MALFORMED);
    }

    @Test
    void claimFlaws() throws Exception {
        String[][] flaws = {
            {"iss", quoted("https://evil.example")},
            {"iss", quoted(issuer.issuer + "/")},
            {"aud", quoted("billing-api")},
            {"aud", "[]"},
            {"aud", null},
            {"sub", null},
            {"client_id", null},
            {"jti", null},
            {"exp", null},
            {"iat", null},
        };
        for (String[] flaw : flaws) {
            assertThat(reason(signed(header(), claimsWith(flaw[0], flaw[1]), k1())))
                    .as(String.join("=", Arrays.asList(flaw)))
                    .isEqualTo(RejectionReason.CLAIMS);
        }
    }

    @Test
    void expiredAndNotYetValidBeyondTheSkew() throws Exception {
        long skew = 60;
        String expired = claimsWith("exp", Long.toString(now.getEpochSecond() - skew));
        String barelyAlive = claimsWith("exp", Long.toString(now.getEpochSecond() - skew + 1));
        String issuedLater = claimsWith("iat", Long.toString(now.getEpochSecond() + skew + 1));
        String validLater = claimsWith("nbf", Long.toString(now.getEpochSecond() + skew + 1));

        assertThat(reason(signed(header(), expired, k1()))).isEqualTo(RejectionReason.EXPIRED);
        assertThat(verifier.verify(signed(header(), barelyAlive, k1())).isVerified())
                .as("within the skew")
                .isTrue();
        assertThat(reason(signed(header(), issuedLater, k1()))).isEqualTo(RejectionReason.NOT_YET_VALID);
        assertThat(reason(signed(header(), validLater, k1()))).isEqualTo(RejectionReason.NOT_YET_VALID);
    }
}
