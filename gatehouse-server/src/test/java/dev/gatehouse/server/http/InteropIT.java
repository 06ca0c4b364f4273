package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * An independent JOSE implementation (jose4j) configured only from our metadata and JWKS accepts our
 * access tokens; tokens it signs with its own keys are refused by us.
 */
class InteropIT extends TokenTestBase {

    private static JwtConsumer consumerFromDiscovery() throws Exception {
        JsonNode metadata =
                client().get("/.well-known/oauth-authorization-server").json();
        String jwksPath = metadata.get("jwks_uri").asText().substring(ISSUER.length());
        JsonWebKeySet keys = new JsonWebKeySet(client().get(jwksPath).body());
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(metadata.get("issuer").asText())
                .setExpectedAudience("orders-api")
                .setExpectedType(true, "at+jwt")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(clock.millis()))
                .build();
    }

    @Test
    void jose4jVerifiesOurAccessTokensFromTheJwks() throws Exception {
        String email = newAccount();
        String token = tokenLogin(email).get("access_token").asText();

        JwtClaims claims = consumerFromDiscovery().processToClaims(token);

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).contains("orders-api");
        assertThat(claims.getStringClaimValue("client_id")).isEqualTo(APP);
        assertThat(claims.getClaimValueAsString("sid")).isNotBlank();
        assertThat(claims.getSubject()).isEqualTo(me(token).json().get("id").asText());
    }

    @Test
    void jose4jRejectsOurTokenOnceTampered() throws Exception {
        String token = tokenLogin().get("access_token").asText();
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> consumerFromDiscovery().processToClaims(tampered))
                .isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void weRejectTokensJose4jSignsWithItsOwnKeys() throws Exception {
        String token = tokenLogin().get("access_token").asText();
        JwtClaims claims = consumerFromDiscovery().processToClaims(token);
        String ourKid = new JsonWebSignature() {
            {
                setCompactSerialization(token);
            }
        }.getKeyIdHeaderValue();
        EllipticCurveJsonWebKey attacker = EcJwkGenerator.generateJwk(EllipticCurves.P256);

        for (String kid : List.of(ourKid, "attacker-key")) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(attacker.getPrivateKey());
            jws.setKeyIdHeaderValue(kid);
            jws.setHeader("typ", "at+jwt");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            assertThat(me(jws.getCompactSerialization()).status()).isEqualTo(401);
        }
    }
}
