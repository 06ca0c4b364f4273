package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is not an access token of a live session gets a 401 invalid_token at /v1/me, never a 500. */
class BearerAttacksIT extends TokenTestBase {

    private static void assertInvalidToken(String token) {
        ApiClient.Response response = me(token);
        assertThat(response.status()).as(token).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).get().asString().contains("error=\"invalid_token\"");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-token");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRefreshTokenOrASessionTokenIsNoBearerToken() {
        JsonNode app = tokenLogin();
        ApiClient browser = loggedIn();

        assertInvalidToken(app.get("refresh_token").asText());
        assertInvalidToken(browser.cookie().orElseThrow());
    }

    @Test
    void algNoneAndGarbageAreRejected() {
        String[] parts = tokenLogin().get("access_token").asText().split("\\.");
        for (String token : List.of(
                b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".",
                b64("{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}") + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + "." + b64("x"),
                "a.b.c",
                "x".repeat(9_000),
                parts[0] + "." + parts[1])) {
            assertInvalidToken(token);
        }
    }

    @Test
    void aBearerRequestIgnoresTheCookieAndACookieRequestNeedsNoToken() {
        ApiClient browser = loggedIn();

        ApiClient.Response mixed = browser.send("GET", "/v1/me", null, "Authorization", "Bearer not-a-token");
        assertThat(mixed.status()).isEqualTo(401);
        ApiClient.Response basic = browser.send("GET", "/v1/me", null, "Authorization", "Basic Zm9vOmJhcg==");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(browser.get("/v1/me").status()).isEqualTo(200);
    }
}
