package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.file.Path;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With {@code GATEHOUSE_SIGNING_ALG} set to RS256 or EdDSA, jose4j verifies the tokens from the JWKS. */
class AlgorithmInteropIT {
    @TempDir
    Path dataDirectory;

    @ParameterizedTest
    @CsvSource({"RS256, RSA", "EdDSA, OKP"})
    void signsWithTheConfiguredAlgorithmAndJose4jVerifies(String algorithm, String keyType) throws Exception {
        try (RunningGatehouse server =
                RunningGatehouse.start(dataDirectory, Map.of("GATEHOUSE_SIGNING_ALG", algorithm))) {
            server.registerFirstPartyApp("mobile", "orders-api");
            ApiClient client = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
            client.signUp("rsa@example.com", "purple elephants dance quietly");
            String token = client.post(
                            "/v1/tokens",
                            Map.of(
                                    "email",
                                    "rsa@example.com",
                                    "password",
                                    "purple elephants dance quietly",
                                    "client_id",
                                    "mobile"))
                    .json()
                    .get("access_token")
                    .asText();

            JsonWebKeySet keys =
                    new JsonWebKeySet(client.get("/.well-known/jwks.json").body());
            // The set also holds the ID tokens' RS256 and ES256 keys; the access token names one of its own kind.
            String kid = org.jose4j.jwx.JsonWebStructure.fromCompactSerialization(token)
                    .getKeyIdHeaderValue();
            assertThat(keys.getJsonWebKeys())
                    .filteredOn(k -> k.getKeyId().equals(kid))
                    .singleElement()
                    .satisfies(k -> assertThat(k.getKeyType()).isEqualTo(keyType))
                    .satisfies(k -> assertThat(k.getAlgorithm()).isEqualTo(algorithm));
            assertThat(keys.getJsonWebKeys())
                    .filteredOn(k -> algorithm.equals(k.getAlgorithm()))
                    .as("the active and the next key of the configured algorithm")
                    .hasSize(2);
            var claims = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                    .setExpectedIssuer(RunningGatehouse.ISSUER)
                    .setExpectedAudience("orders-api")
                    .setExpectedType(true, "at+jwt")
                    .build()
                    .processToClaims(token);
            assertThat(claims.getStringClaimValue("client_id")).isEqualTo("mobile");
            assertThat(client.getWithBearer("/v1/me", token).status()).isEqualTo(200);
        }
    }
}
