package dev.gatehouse.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.SigningAlgorithm;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInRegistrationTest {
    private static final SignInRegistration WEB = new SignInRegistration(
            List.of("https://shop.example/cb"), List.of("https://shop.example/"), Optional.empty(), false);
    private static final SignInRegistration NATIVE = new SignInRegistration(
            List.of("http://127.0.0.1/cb", "http://[::1]:8000/cb"), List.of(), Optional.empty(), false);

    @Test
    void matchesRedirectUrisCharacterForCharacter() {
        assertThat(WEB.allowsRedirect("https://shop.example/cb", ClientType.WEB))
                .isTrue();
        assertThat(WEB.allowsRedirect("https://shop.example/cb/", ClientType.WEB))
                .isFalse();
        assertThat(WEB.allowsRedirect("https://Shop.example/cb", ClientType.WEB))
                .isFalse();
        assertThat(WEB.allowsRedirect("https://shop.example:443/cb", ClientType.WEB))
                .isFalse();
    }

    @Test
    void letsAPublicClientsLoopbackRedirectUseAnyPortAndNothingElseVary() {
        assertThat(NATIVE.allowsRedirect("http://127.0.0.1:51234/cb", ClientType.PUBLIC))
                .isTrue();
        assertThat(NATIVE.allowsRedirect("http://[::1]:1/cb", ClientType.PUBLIC))
                .isTrue();
        assertThat(NATIVE.allowsRedirect("http://127.0.0.1:51234/cb?x", ClientType.PUBLIC))
                .isFalse();
        assertThat(NATIVE.allowsRedirect("http://localhost:51234/cb", ClientType.PUBLIC))
                .isFalse();
        assertThat(NATIVE.allowsRedirect("http://user@127.0.0.1:51234/cb", ClientType.PUBLIC))
                .isFalse();
        assertThat(NATIVE.allowsRedirect("http://127.0.0.1:51234/cb", ClientType.WEB))
                .isFalse();
    }

    @Test
    void aLoopbackRedirectsPortMustBeOneTo65535OrNone() {
        for (String invalid : List.of(
                "http://127.0.0.1:99999/cb",
                "http://127.0.0.1:65536/cb",
                "http://127.0.0.1:0/cb",
                "http://127.0.0.1:00000/cb",
                "http://127.0.0.1:/cb",
                "http://127.0.0.1:123456/cb",
                "http://127.0.0.1:+80/cb",
                "http://[::1]:0/cb",
                "http://[::1]:99999/cb",
                "http://[::1]:/cb")) {
            assertThat(NATIVE.allowsRedirect(invalid, ClientType.PUBLIC))
                    .as(invalid)
                    .isFalse();
        }
        for (String valid : List.of(
                "http://127.0.0.1/cb",
                "http://127.0.0.1:1/cb",
                "http://127.0.0.1:65535/cb",
                "http://[::1]/cb",
                "http://[::1]:65535/cb")) {
            assertThat(NATIVE.allowsRedirect(valid, ClientType.PUBLIC))
                    .as(valid)
                    .isTrue();
        }
    }

    /** What matching refuses, registration refuses too: a port is 1 to 65535, or absent. */
    @Test
    void registrationRefusesAPortOfZeroOutOfRangeOrEmpty() {
        for (String invalid : List.of(
                "http://127.0.0.1:0/cb",
                "http://127.0.0.1:99999/cb",
                "http://127.0.0.1:/cb",
                "http://[::1]:0/cb",
                "http://[::1]:65536/cb",
                "http://localhost:0/cb",
                "http://localhost:99999/cb",
                "http://localhost:/cb",
                "https://shop.example:0/cb",
                "https://shop.example:65536/cb")) {
            for (ClientType type : List.of(ClientType.PUBLIC, ClientType.WEB)) {
                assertThat(new SignInRegistration(List.of(invalid), List.of(), Optional.empty(), false).problem(type))
                        .as(invalid + " for " + type)
                        .isPresent();
            }
            assertThat(new SignInRegistration(
                                    List.of("https://shop.example/cb"), List.of(invalid), Optional.empty(), false)
                            .problem(ClientType.WEB))
                    .as("post-logout " + invalid)
                    .isPresent();
            assertThat(new SignInRegistration(
                                    List.of("https://shop.example/cb"), List.of(), Optional.of(invalid), false)
                            .problem(ClientType.WEB))
                    .as("back-channel " + invalid)
                    .isPresent();
        }
        for (String valid : List.of(
                "http://127.0.0.1:1/cb",
                "http://[::1]:65535/cb",
                "http://localhost:8080/cb",
                "https://shop.example:8443/cb")) {
            assertThat(new SignInRegistration(List.of(valid), List.of(), Optional.empty(), false)
                            .problem(ClientType.PUBLIC))
                    .as(valid)
                    .isEmpty();
        }
    }

    @Test
    void idTokensMayBeAskedForInRs256OrEs256Only() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertThat(new SignInRegistration(
                                    List.of("https://shop.example/cb"),
                                    List.of(),
                                    Optional.empty(),
                                    false,
                                    Optional.of(alg))
                            .problem(ClientType.WEB))
                    .as(alg.name())
                    .isEqualTo(
                            alg == SigningAlgorithm.EdDSA
                                    ? Optional.of("ID tokens are signed with RS256 or ES256.")
                                    : Optional.empty());
        }
    }

    @Test
    void saysWhatIsWrongWithARegistration() {
        assertThat(WEB.problem(ClientType.WEB)).isEmpty();
        assertThat(NATIVE.problem(ClientType.PUBLIC)).isEmpty();
        assertThat(SignInRegistration.NONE.problem(ClientType.WEB)).isPresent();
        assertThat(WEB.problem(ClientType.CONFIDENTIAL)).isPresent();
        assertThat(new SignInRegistration(List.of("http://shop.example/cb"), List.of(), Optional.empty(), false)
                        .problem(ClientType.WEB))
                .isPresent();
        assertThat(new SignInRegistration(List.of("https://shop.example/cb#x"), List.of(), Optional.empty(), false)
                        .problem(ClientType.WEB))
                .isPresent();
        assertThat(new SignInRegistration(List.of("com.example.app:/cb"), List.of(), Optional.empty(), false)
                        .problem(ClientType.PUBLIC))
                .isEmpty();
        assertThat(new SignInRegistration(
                                List.of("https://shop.example/cb"),
                                List.of(),
                                Optional.of("http://shop.example/bc"),
                                false)
                        .problem(ClientType.WEB))
                .isPresent();
    }
}
