package dev.gatehouse.core.client;

import static org.assertj.core.api.Assertions.assertThat;

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
