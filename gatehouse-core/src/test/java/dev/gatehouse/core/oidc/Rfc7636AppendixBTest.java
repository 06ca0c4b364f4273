package dev.gatehouse.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7636 Appendix B: the S256 example, and what Gatehouse refuses around it. */
class Rfc7636AppendixBTest {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void theAppendixVerifierHashesToTheAppendixChallenge() {
        assertThat(Pkce.challengeOf(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.verifies(VERIFIER, CHALLENGE)).isTrue();
        assertThat(Pkce.isValidChallenge(CHALLENGE)).isTrue();
    }

    @Test
    void aPlainChallengeOrAShortOrForeignVerifierDoesNotVerify() {
        assertThat(Pkce.verifies(VERIFIER, VERIFIER)).as("plain").isFalse();
        assertThat(Pkce.verifies(VERIFIER.substring(1), Pkce.challengeOf(VERIFIER.substring(1))))
                .as("42 characters")
                .isFalse();
        assertThat(Pkce.verifies(VERIFIER + " ", CHALLENGE)).isFalse();
        assertThat(Pkce.isValidChallenge(CHALLENGE + "=")).isFalse();
    }
}
