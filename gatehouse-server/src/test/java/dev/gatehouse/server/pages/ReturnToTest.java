package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code return_to}: a relative path on the allow-list or nothing; never a way off Gatehouse. */
class ReturnToTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/account/",
                "/account/sessions",
                "/account/password",
                "/admin/",
                "/admin/users/0f6b7c1e-3d4a",
                "/admin/audit?type=login_failed&before=120",
                "/oauth2/authorize?client_id=shop&redirect_uri=https%3A%2F%2Fshop.example%2Fcb&state=a~b",
            })
    void aPathOnTheAllowListIsHonoured(String path) {
        assertThat(ReturnTo.validate(Optional.of(path))).contains(path);
        assertThat(ReturnTo.orDefault(Optional.of(path))).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "https://evil.example/",
                "http://evil.example/account/",
                "//evil.example/account/",
                "///evil.example/account/",
                "/\\evil.example",
                "\\\\evil.example",
                "/account/\\evil.example",
                "/%2F%2Fevil.example",
                "/%2f%2fevil.example",
                "%2F%2Fevil.example",
                "/account/%2F%2Fevil.example",
                "/account/%5Cevil.example",
                "/%5Cevil.example",
                "/account/%252F%252Fevil.example",
                "/account/..//evil.example",
                "/account/../login",
                "/account/./sessions",
                "/account/%2e%2e/login",
                "/account//evil.example",
                "/account/\u0000",
                "/account/\r\nLocation: https://evil.example",
                "/account/\t",
                "/account/ sessions",
                "/account/#@evil.example",
                "/account/@evil.example?x#y",
                "/\u3002evil.example",
                "/account/\u00e9",
                "javascript:alert(1)",
                "data:text/html,hi",
                "evil.example/account/",
                "account/",
                "/login",
                "/logout",
                "/v1/sessions",
                "/accountant/",
                "/account",
                "/oauth2/authorize/extra",
                "/oauth2/authorize?x=\\y",
                "/oauth2/authorize?x=%zz",
                "/oauth2/authorize?next=a b",
                "/oauth2/authorize#frag",
            })
    void anythingElseIsIgnoredForTheAccountPage(String hostile) {
        assertThat(ReturnTo.validate(Optional.of(hostile))).isEmpty();
        assertThat(ReturnTo.orDefault(Optional.of(hostile))).isEqualTo(ReturnTo.DEFAULT);
    }

    @Test
    void nothingAskedForMeansTheAccountPage() {
        assertThat(ReturnTo.orDefault(Optional.empty())).isEqualTo("/account/");
    }

    @Test
    void anOverlongPathIsIgnored() {
        String longPath = "/account/" + "a".repeat(ReturnTo.MAX_LENGTH);
        assertThat(ReturnTo.validate(Optional.of(longPath))).isEmpty();
        assertThat(ReturnTo.validate(Optional.of(longPath.substring(0, ReturnTo.MAX_LENGTH))))
                .isPresent();
    }
}
