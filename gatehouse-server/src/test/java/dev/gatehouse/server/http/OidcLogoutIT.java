package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenID Connect RP-Initiated Logout at /oauth2/logout. */
class OidcLogoutIT extends OidcTestBase {
    static final String SHOP_AFTER_LOGOUT = "https://shop.example/";

    @Test
    void discoveryNamesTheEndSessionEndpoint() {
        assertThat(client().get("/.well-known/openid-configuration")
                        .json()
                        .get("end_session_endpoint")
                        .asText())
                .isEqualTo(ISSUER + "/oauth2/logout");
    }

    @Test
    void aValidHintSignsTheBrowserOutAndReturnsToTheApp() {
        ApiClient browser = browser();
        JsonNode tokens = redeemAsShop(shopCode(browser), VERIFIER).json();
        Map<String, String> logout = new LinkedHashMap<>();
        logout.put("id_token_hint", tokens.get("id_token").asText());
        logout.put("post_logout_redirect_uri", SHOP_AFTER_LOGOUT);
        logout.put("state", "bye-1");

        ApiClient.Response response = browser.get("/oauth2/logout?" + query(logout));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).contains(SHOP_AFTER_LOGOUT + "?state=bye-1");
        assertThat(browser.get("/v1/sessions/current").status()).isEqualTo(401);
        assertThat(client().getWithBearer(
                                "/oauth2/userinfo", tokens.get("access_token").asText())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void withoutAValidHintThePersonIsAskedToConfirm() {
        ApiClient browser = browser();
        Map<String, String> logout = new LinkedHashMap<>();
        logout.put("client_id", "shop");
        logout.put("post_logout_redirect_uri", SHOP_AFTER_LOGOUT);
        logout.put("state", "bye-2");

        ApiClient.Response page = browser.get("/oauth2/logout?" + query(logout));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Sign out of Gatehouse?");
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' https://shop.example;");
        assertThat(browser.get("/v1/sessions/current").status()).as("not yet").isEqualTo(200);
        logout.put("csrf_token", browser.csrfToken().orElseThrow());
        logout.put("confirm", "yes");
        ApiClient.Response confirmed = browser.form("/oauth2/logout", logout);
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(confirmed.header("Location")).contains(SHOP_AFTER_LOGOUT + "?state=bye-2");
        assertThat(browser.get("/v1/sessions/current").status()).isEqualTo(401);
    }

    @Test
    void aTamperedHintIsNoHint() throws Exception {
        ApiClient browser = browser();
        String idToken =
                redeemAsShop(shopCode(browser), VERIFIER).json().get("id_token").asText();
        String[] parts = idToken.split("\\.");
        String otherSession = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(
                                java.util.Base64.getUrlDecoder().decode(parts[1]),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"sid\":\"", "\"sid\":\"x")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherSession + "." + parts[2];

        ApiClient.Response response = browser.get("/oauth2/logout?id_token_hint=" + tampered);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("Sign out of Gatehouse?");
        assertThat(browser.get("/v1/sessions/current").status()).isEqualTo(200);
    }

    @Test
    void withoutASessionTheBrowserGoesStraightBack() {
        ApiClient.Response response =
                client().get("/oauth2/logout?client_id=shop&post_logout_redirect_uri=https%3A%2F%2Fshop.example%2F");

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).contains(SHOP_AFTER_LOGOUT);
    }
}
