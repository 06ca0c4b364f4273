package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fuzzing the token parser and verifier: whatever bytes arrive as a bearer token, verification
 * returns a refusal — it never throws, never hangs, never accepts without a signature of our key.
 * In {@code ./mvnw verify} this replays the committed inputs (and an empty one); with
 * {@code JAZZER_FUZZ=1} it fuzzes for as long as it is given.
 */
class AccessTokenFormatFuzzTest {
    private static final ECKey KEY = generate();
    private static final VerificationKey VERIFICATION = VerificationKey.of(KEY.toPublicJWK(), SigningAlgorithm.ES256);

    @FuzzTest(maxDuration = "30s")
    void verificationOfArbitraryInputNeverThrowsNorAccepts(byte[] input) {
        String token = new String(input, java.nio.charset.StandardCharsets.ISO_8859_1);

        TokenVerdict verdict = AccessTokenFormat.verify(
                token,
                kid -> kid.equals(KEY.getKeyID()) ? Optional.of(VERIFICATION) : Optional.empty(),
                "https://auth.example",
                "orders-api",
                Duration.ofSeconds(60),
                Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(verdict).isInstanceOf(TokenVerdict.Refused.class);
    }

    @FuzzTest(maxDuration = "30s")
    void splittingArbitraryInputNeverThrows(byte[] input) {
        String token = new String(input, java.nio.charset.StandardCharsets.UTF_8);

        CompactJws.split(token)
                .ifPresent(parts -> assertThat(token.length()).isLessThanOrEqualTo(CompactJws.MAX_LENGTH));
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("fuzz").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
