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

    /** The JSON literal null as a header once gave a 500 (issue 12); any non-object is malformed. */
    @Test
    void aHeaderOrPayloadThatIsNoJsonObjectIsAnInvalidToken() {
        String[] parts = tokenLogin().get("access_token").asText().split("\\.");
        for (String notAnObject : List.of("null", "[]", "\"x\"", "1", "true", " null ")) {
            assertInvalidToken(b64(notAnObject) + "." + parts[1] + "." + parts[2]);
            assertInvalidToken(parts[0] + "." + b64(notAnObject) + "." + parts[2]);
        }
    }

    /** A valid token's high-s twin verifies as ECDSA, but Gatehouse allows each token one spelling. */
    @Test
    void theHighSTwinOfAValidTokenIsRefused() {
        String token = tokenLogin().get("access_token").asText();
        assertThat(me(token).status()).isEqualTo(200);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        java.math.BigInteger n =
                new java.math.BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        byte[] highS = n.subtract(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64)))
                .toByteArray();
        byte[] twin = java.util.Arrays.copyOf(signature, 64);
        java.util.Arrays.fill(twin, 32, 64, (byte) 0);
        int length = Math.min(highS.length, 32);
        System.arraycopy(highS, highS.length - length, twin, 64 - length, length);

        assertInvalidToken(token.substring(0, token.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(twin));
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
