package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A key remembers signatures it found valid, and only those; what it remembers is bounded. */
class VerifiedSignaturesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final String ISSUER = "https://auth.example";

    private final ECKey signing = generate("k1");
    private final VerificationKey key = VerificationKey.of(signing.toPublicJWK(), SigningAlgorithm.ES256);

    private String token(String jwtId, Instant expiresAt) {
        return AccessTokenFormat.sign(
                new AccessTokenClaims(
                        ISSUER, "ada", List.of("orders-api"), "app", "read", Optional.empty(), jwtId, NOW, expiresAt),
                signing,
                SigningAlgorithm.ES256);
    }

    private TokenVerdict verify(String token, Instant now) {
        return AccessTokenFormat.verify(
                token, kid -> Optional.of(key), ISSUER, "orders-api", Duration.ofSeconds(30), now);
    }

    @Test
    void aValidTokenIsRememberedAndAcceptedAgain() {
        String token = token("j1", NOW.plusSeconds(300));

        assertThat(verify(token, NOW)).isInstanceOf(TokenVerdict.Accepted.class);
        assertThat(key.rememberedSignatures()).isEqualTo(1);
        assertThat(verify(token, NOW)).isInstanceOf(TokenVerdict.Accepted.class);
        assertThat(key.rememberedSignatures()).isEqualTo(1);
    }

    @Test
    void aRememberedSignatureIsNoShortcutPastTheClaims() {
        String token = token("j1", NOW.plusSeconds(300));
        assertThat(verify(token, NOW)).isInstanceOf(TokenVerdict.Accepted.class);

        // The same bytes, later: the signature is remembered, the expiry is still checked.
        assertThat(verify(token, NOW.plusSeconds(3_600))).isInstanceOf(TokenVerdict.Refused.class);
    }

    @Test
    void aForgedSignatureIsRefusedAndNotRemembered() {
        String token = token("j1", NOW.plusSeconds(300));
        assertThat(verify(token, NOW)).isInstanceOf(TokenVerdict.Accepted.class);
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[40] ^= 1; // still in range, no longer valid
        String tampered = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        // The payload of a valid token with another (valid-looking) signature, and another payload
        // under the valid signature: neither is the remembered pair.
        String otherPayload = token("j2", NOW.plusSeconds(300)).split("\\.")[1];
        String swapped = parts[0] + "." + otherPayload + "." + parts[2];

        assertThat(verify(tampered, NOW)).isInstanceOf(TokenVerdict.Refused.class);
        assertThat(verify(swapped, NOW)).isInstanceOf(TokenVerdict.Refused.class);
        assertThat(key.rememberedSignatures()).isEqualTo(1);
    }

    @Test
    void anotherKeyRemembersNothingOfThisOne() {
        String token = token("j1", NOW.plusSeconds(300));
        assertThat(verify(token, NOW)).isInstanceOf(TokenVerdict.Accepted.class);
        VerificationKey other = VerificationKey.of(generate("k1").toPublicJWK(), SigningAlgorithm.ES256);

        TokenVerdict verdict = AccessTokenFormat.verify(
                token, kid -> Optional.of(other), ISSUER, "orders-api", Duration.ofSeconds(30), NOW);

        assertThat(verdict).isInstanceOf(TokenVerdict.Refused.class);
    }

    @Test
    void memoryIsBoundedToTwoGenerations() {
        VerifiedSignatures remembered = new VerifiedSignatures(16);
        for (int i = 0; i < 1_000; i++) {
            remembered.remember(VerifiedSignatures.fingerprint(new byte[] {(byte) i, (byte) (i >> 8)}, new byte[64]));
        }

        assertThat(remembered.size()).isLessThanOrEqualTo(32);
        String recent = VerifiedSignatures.fingerprint(new byte[] {(byte) 999, (byte) (999 >> 8)}, new byte[64]);
        String early = VerifiedSignatures.fingerprint(new byte[] {0, 0}, new byte[64]);
        assertThat(remembered.contains(recent)).isTrue();
        assertThat(remembered.contains(early)).isFalse();
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
