package dev.gatehouse.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryRevokedTokenStore;
import dev.gatehouse.core.testing.InMemorySigningKeyStore;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.jwt.AccessTokenType;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issuing and verifying, and every attack of the JWT attack list, each rejected without an exception. */
class AccessTokenServiceTest {
    private static final String ISSUER = "https://auth.example.com";
    private static final String AUDIENCE = "orders-api";

    private final TestClock clock = TestClock.startingAt("2026-03-01T12:00:00Z");
    private final CountingRandom random = new CountingRandom(11);
    private final KeyService keys = new KeyService(
            new InMemorySigningKeyStore(),
            new KeyEncryption(new byte[32], random),
            SigningAlgorithm.ES256,
            Duration.ofMinutes(6),
            clock,
            random,
            AuditTrail.discarding(clock));
    private final AccessTokenService tokens =
            new AccessTokenService(keys, new InMemoryRevokedTokenStore(), ISSUER, TokenPolicy.DEFAULT, clock, random);

    AccessTokenServiceTest() {
        keys.ensureKeys();
    }

    private IssuedAccessToken issue() {
        return tokens.issue("ada", Optional.of("s1"), "mobile", List.of(AUDIENCE, ISSUER), "openid");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String[] parts(String token) {
        return token.split("\\.");
    }

    /** Our own valid token, with its header replaced (the signature no longer matches, which must not matter). */
    private String withHeader(String headerJson) {
        String[] p = parts(issue().value());
        return b64(headerJson) + "." + p[1] + "." + p[2];
    }

    private String kid() {
        return keys.ring().activeKey().getKeyID();
    }

    /** Our claims, signed as given: with a header of the test's choosing and any EC key, in Gatehouse's low-s form. */
    private String signed(JWSHeader header, JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
        String token = jwt.serialize();
        byte[] signature = jwt.getSignature().decode();
        return token.substring(0, token.lastIndexOf('.') + 1)
                + com.nimbusds.jose.util.Base64URL.encode(
                        dev.gatehouse.jwt.AccessTokenFormat.canonicalEs256Signature(signature));
    }

    private JWSHeader.Builder atJwtHeader(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
                .keyID(kid);
    }

    private JWTClaimsSet ourClaims() throws Exception {
        return SignedJWT.parse(issue().value()).getJWTClaimsSet();
    }

    private ECKey ourKey() throws Exception {
        return keys.ring().activeKey().toECKey();
    }

    private void assertRejected(String token) {
        assertThat(tokens.verify(token, AUDIENCE)).isInstanceOf(BearerCheck.Rejected.class);
    }

    @Test
    void issuesAnRfc9068TokenThatVerifies() throws Exception {
        IssuedAccessToken issued = issue();

        SignedJWT jwt = SignedJWT.parse(issued.value());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(kid());
        assertThat(jwt.getJWTClaimsSet().getClaims())
                .containsKeys("iss", "sub", "aud", "exp", "iat", "jti", "sid", "client_id", "scope");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime()
                        - jwt.getJWTClaimsSet().getIssueTime().getTime())
                .isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(tokens.verify(issued.value(), AUDIENCE)).isEqualTo(new BearerCheck.Valid(issued.claims()));
    }

    @Test
    void rejectsAnotherAudienceIssuerOrAnExpiredToken() {
        IssuedAccessToken issued = issue();

        assertThat(tokens.verify(issued.value(), "billing-api")).isInstanceOf(BearerCheck.Rejected.class);
        var otherIssuer = new AccessTokenService(
                keys, new InMemoryRevokedTokenStore(), "https://evil.example", TokenPolicy.DEFAULT, clock, random);
        assertThat(otherIssuer.verify(issued.value(), AUDIENCE)).isInstanceOf(BearerCheck.Rejected.class);

        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(tokens.verify(issued.value(), AUDIENCE)).isInstanceOf(BearerCheck.Valid.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(issued.value(), AUDIENCE))
                .isInstanceOfSatisfying(
                        BearerCheck.Rejected.class, r -> assertThat(r.reason()).contains("expired 60,000 ms ago"));
    }

    @Test
    void rejectsARevokedJti() {
        IssuedAccessToken issued = issue();

        tokens.revoke(issued.claims());

        assertRejected(issued.value());
        assertThat(tokens.verify(issue().value(), AUDIENCE)).isInstanceOf(BearerCheck.Valid.class);
    }

    @Test
    void stillAcceptsTokensOfARetiredKeyUntilItIsPurged() {
        IssuedAccessToken issued = issue();

        keys.rotate(Actor.SYSTEM);
        assertThat(tokens.verify(issued.value(), AUDIENCE)).isInstanceOf(BearerCheck.Valid.class);

        clock.advance(Duration.ofMinutes(7));
        keys.purgeRetired();
        assertRejected(issued.value());
    }

    @Test
    void rejectsAlgNoneInAnyCase() {
        String[] p = parts(issue().value());
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            assertRejected(
                    b64("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid() + "\"}") + "." + p[1] + ".");
            assertRejected(withHeader("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid() + "\"}"));
        }
    }

    @Test
    void rejectsHmacSignedWithThePublicKeyAlgorithmConfusion() throws Exception {
        String publicJwk = keys.ring().find(kid()).orElseThrow().publicKey().toJSONString();
        byte[] secret = (publicJwk + publicJwk).getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
                        .keyID(kid())
                        .build(),
                SignedJWT.parse(issue().value()).getJWTClaimsSet());
        forged.sign(new MACSigner(secret));

        assertRejected(forged.serialize());
    }

    @Test
    void rejectsEmbeddedKeysAndUrlsWithoutFetchingThem() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(kid()).generate();
        for (String member : List.of(
                "\"jwk\":" + attacker.toPublicJWK().toJSONString(),
                "\"jku\":\"http://127.0.0.1:1/jwks.json\"",
                "\"x5u\":\"http://127.0.0.1:1/cert.pem\"",
                "\"x5c\":[\"MIIB\"]",
                "\"crit\":[\"exp\"],\"exp\":1")) {
            assertRejected(
                    withHeader("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid() + "\"," + member + "}"));
        }
    }

    @Test
    void rejectsATokenSignedByAKeyWeDoNotHave() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();

        assertRejected(signed(atJwtHeader("attacker").build(), ourClaims(), attacker));
        assertRejected(signed(atJwtHeader(kid()).build(), ourClaims(), attacker));
    }

    @Test
    void rejectsZeroAndOutOfRangeEcdsaSignaturesCve202221449() {
        String[] p = parts(issue().value());
        byte[] order =
                new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16).toByteArray();
        byte[] rIsN = new byte[64];
        System.arraycopy(order, order.length - 32, rIsN, 0, 32);
        System.arraycopy(order, order.length - 32, rIsN, 32, 32);

        assertRejected(p[0] + "." + p[1] + "." + b64(new byte[64]));
        assertRejected(p[0] + "." + p[1] + "." + b64(rIsN));
    }

    @Test
    void rejectsADerEncodedSignature() throws Exception {
        String[] p = parts(issue().value());
        byte[] raw = Base64.getUrlDecoder().decode(p[2]);
        byte[] der = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(raw);

        assertRejected(p[0] + "." + p[1] + "." + b64(der));
    }

    @Test
    void rejectsNonCanonicalBase64url() {
        String token = issue().value();
        String[] p = parts(token);
        // Flip the unused low bits of the last character of the 64-byte signature (86 characters, 2 spare bits).
        char last = p[2].charAt(p[2].length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);

        assertRejected(p[0] + "." + p[1] + "." + p[2].substring(0, p[2].length() - 1) + sibling);
        assertRejected(p[0] + "." + p[1] + "." + p[2] + "=");
        assertRejected(p[0] + "." + p[1].replace('-', '+') + "." + p[2] + " ");
    }

    @Test
    void rejectsJweAndTheJsonSerialization() {
        String[] p = parts(issue().value());

        assertRejected(p[0] + ".." + p[1] + "." + p[2] + "." + p[2]);
        assertRejected("{\"payload\":\"" + p[1] + "\",\"signatures\":[{\"protected\":\"" + p[0] + "\",\"signature\":\""
                + p[2] + "\"}]}");
    }

    @Test
    void rejectsAWrongOrMissingTyp() throws Exception {
        for (String typ : List.of("JWT", "refresh+jwt", "")) {
            JWSHeader header = atJwtHeader(kid())
                    .type(new com.nimbusds.jose.JOSEObjectType(typ))
                    .build();
            assertRejected(signed(header, ourClaims(), ourKey()));
        }
        assertRejected(
                signed(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid()).build(), ourClaims(), ourKey()));
    }

    @Test
    void anIssuerConfiguredForTypJwtWritesItAndAcceptsOnlyIt() throws Exception {
        var jwtTyped = new AccessTokenService(
                keys,
                new InMemoryRevokedTokenStore(),
                ISSUER,
                new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(60), AccessTokenType.JWT),
                clock,
                random);
        String token = jwtTyped.issue("ada", Optional.of("s1"), "mobile", List.of(AUDIENCE), "openid")
                .value();

        assertThat(SignedJWT.parse(token).getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwtTyped.verify(token, AUDIENCE)).isInstanceOf(BearerCheck.Valid.class);
        // One issuer, one type: neither side takes the other's tokens.
        assertThat(tokens.verify(token, AUDIENCE)).isInstanceOf(BearerCheck.Rejected.class);
        assertThat(jwtTyped.verify(issue().value(), AUDIENCE)).isInstanceOf(BearerCheck.Rejected.class);
        for (String typ : List.of("at+jwt", "JWS", "")) {
            JWSHeader header = atJwtHeader(kid())
                    .type(new com.nimbusds.jose.JOSEObjectType(typ))
                    .build();
            assertThat(jwtTyped.verify(signed(header, ourClaims(), ourKey()), AUDIENCE))
                    .isInstanceOf(BearerCheck.Rejected.class);
        }
        JWSHeader mediaType = atJwtHeader(kid())
                .type(new com.nimbusds.jose.JOSEObjectType("application/jwt"))
                .build();
        assertThat(jwtTyped.verify(signed(mediaType, ourClaims(), ourKey()), AUDIENCE))
                .as("RFC 7515 4.1.9: the application/ prefix may be omitted, and case does not matter")
                .isInstanceOf(BearerCheck.Valid.class);
    }

    @Test
    void rejectsOversizedAndDeeplyNestedTokensQuickly() throws Exception {
        String[] p = parts(issue().value());
        assertRejected(p[0] + "." + b64("{\"x\":\"" + "a".repeat(10_000) + "\"}") + "." + p[2]);
        assertRejected(p[0] + "." + b64("{\"x\":" + "[".repeat(500) + "]".repeat(500) + "}") + "." + p[2]);

        var deep = java.util.Map.of(
                "a", java.util.Map.of("b", java.util.Map.of("c", List.of(List.of(List.of(List.of(List.of(1))))))));
        JWTClaimsSet nested =
                new JWTClaimsSet.Builder(ourClaims()).claim("deep", deep).build();
        assertRejected(signed(atJwtHeader(kid()).build(), nested, ourKey()));
    }

    @Test
    void rejectsGarbage() {
        for (String garbage : List.of("", ".", "..", "a.b.c", "abc", "x".repeat(9000), "\u0000.\u0000.\u0000")) {
            assertRejected(garbage);
        }
    }

    @Test
    void rejectsTokensIssuedInTheFutureBeyondTheSkew() throws Exception {
        JWTClaimsSet future = new JWTClaimsSet.Builder(ourClaims())
                .issueTime(Date.from(clock.instant().plus(Duration.ofMinutes(2))))
                .build();

        assertRejected(signed(atJwtHeader(kid()).build(), future, ourKey()));
    }
}
