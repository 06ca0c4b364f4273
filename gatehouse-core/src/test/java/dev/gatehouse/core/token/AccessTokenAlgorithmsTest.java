package dev.gatehouse.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryRevokedTokenStore;
import dev.gatehouse.core.testing.InMemorySigningKeyStore;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every algorithm signs tokens that verify, and a token never verifies under another algorithm's name. */
class AccessTokenAlgorithmsTest {
    private final TestClock clock = TestClock.startingAt("2026-03-01T12:00:00Z");
    private final CountingRandom random = new CountingRandom(21);

    private AccessTokenService service(SigningAlgorithm algorithm) {
        KeyService keys = new KeyService(
                new InMemorySigningKeyStore(),
                new KeyEncryption(new byte[32], random),
                algorithm,
                Duration.ofMinutes(6),
                clock,
                random,
                AuditTrail.discarding(clock));
        keys.ensureKeys();
        return new AccessTokenService(
                keys, new InMemoryRevokedTokenStore(), "https://auth.example.com", TokenPolicy.DEFAULT, clock, random);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void signsTokensThatVerify(SigningAlgorithm algorithm) {
        AccessTokenService tokens = service(algorithm);
        IssuedAccessToken issued = tokens.issue("ada", Optional.of("s1"), "mobile", List.of("orders-api"), "read");

        String header =
                new String(Base64.getUrlDecoder().decode(issued.value().split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"" + algorithm.name() + "\"").contains("\"typ\":\"at+jwt\"");
        assertThat(tokens.verify(issued.value(), "orders-api")).isEqualTo(new BearerCheck.Valid(issued.claims()));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void refusesTheTokenUnderAnyOtherAlgorithmName(SigningAlgorithm algorithm) {
        AccessTokenService tokens = service(algorithm);
        String[] parts = tokens.issue("ada", Optional.of("s1"), "mobile", List.of("orders-api"), "")
                .value()
                .split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);

        for (String other : List.of("ES256", "EdDSA", "RS256", "HS256", "PS256", "ES384", "none")) {
            if (!other.equals(algorithm.name())) {
                String forged = header.replace("\"alg\":\"" + algorithm.name() + "\"", "\"alg\":\"" + other + "\"");
                String token =
                        Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                                + "." + parts[1] + "." + parts[2];
                assertThat(tokens.verify(token, "orders-api")).as(other).isInstanceOf(BearerCheck.Rejected.class);
            }
        }
    }
}
