package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One session behind both: every way of ending a login ends its cookie, refresh tokens and JWTs at once. */
class RevocationIT extends TokenTestBase {

    private static String sessionIdOf(ApiClient browser, boolean current) {
        for (JsonNode s : browser.get("/v1/sessions").json().get("sessions")) {
            if (s.get("current").asBoolean() == current) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no such session");
    }

    @Test
    void logOutEverywhereEndsTheAppsTokensToo() {
        String email = newAccount();
        JsonNode app = tokenLogin(email);
        ApiClient browser = client();
        browser.login(email, PASSWORD);

        browser.delete("/v1/sessions");

        assertThat(me(app.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(refresh(app.get("refresh_token").asText()).status()).isEqualTo(400);
    }

    @Test
    void revokingTheAppsSessionFromTheBrowserEndsItsTokens() {
        String email = newAccount();
        JsonNode app = tokenLogin(email);
        ApiClient browser = client();
        browser.login(email, PASSWORD);

        assertThat(browser.delete("/v1/sessions/" + sessionIdOf(browser, false)).status())
                .isEqualTo(204);

        assertThat(me(app.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(refresh(app.get("refresh_token").asText()).status()).isEqualTo(400);
        assertThat(browser.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsTheOtherLoginsTokens() {
        String email = newAccount();
        JsonNode app = tokenLogin(email);
        ApiClient browser = client();
        browser.login(email, PASSWORD);

        browser.post(
                "/v1/password", Map.of("current_password", PASSWORD, "new_password", "an entirely new passphrase"));

        assertThat(me(app.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void revokingARefreshTokenEndsItsLogin() {
        JsonNode app = tokenLogin();

        ApiClient.Response response = client().form(
                        "/oauth2/revoke",
                        Map.of("token", app.get("refresh_token").asText(), "client_id", APP));

        assertThat(response.status()).isEqualTo(200);
        assertThat(refresh(app.get("refresh_token").asText()).status()).isEqualTo(400);
        assertThat(me(app.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void revokingAnAccessTokenEndsThatTokenOnly() {
        JsonNode app = tokenLogin();
        String revoked = app.get("access_token").asText();
        String sibling = refresh(app.get("refresh_token").asText())
                .json()
                .get("access_token")
                .asText();

        client().form("/oauth2/revoke", Map.of("token", revoked, "client_id", APP, "token_type_hint", "access_token"));

        assertThat(me(revoked).status()).isEqualTo(401);
        assertThat(me(sibling).status()).isEqualTo(200);
    }

    @Test
    void aClientCannotRevokeAnotherClientsTokenAndLearnsNothing() {
        JsonNode app = tokenLogin();

        ApiClient.Response response = client().form(
                        "/oauth2/revoke",
                        Map.of("token", app.get("refresh_token").asText(), "client_id", "web"));
        ApiClient.Response unknown =
                client().form("/oauth2/revoke", Map.of("token", "no such token", "client_id", "web"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(refresh(app.get("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void introspectionNeedsAnAuthenticatedServerAndSaysOnlyActiveFalseForTheRest() {
        JsonNode app = tokenLogin();
        ApiClient browser = loggedIn();

        JsonNode access = introspect(app.get("access_token").asText()).json();
        assertThat(access.get("active").asBoolean()).isTrue();
        assertThat(access.get("client_id").asText()).isEqualTo(APP);
        assertThat(access.get("token_type").asText()).isEqualTo("Bearer");
        // A refresh token is only its own client's business (RuleDefectsIT has the rest of the rule).
        assertThat(introspect(app.get("refresh_token").asText()).body()).isEqualTo("{\"active\":false}");
        JsonNode session = introspect(browser.cookie().orElseThrow()).json();
        assertThat(session.get("token_type").asText()).isEqualTo("session");

        assertThat(introspect("garbage").body()).isEqualTo("{\"active\":false}");
        browser.delete("/v1/sessions/current");
        assertThat(introspect(app.get("access_token").asText())
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        client().form("/oauth2/revoke", Map.of("token", app.get("refresh_token").asText(), "client_id", APP));
        assertThat(introspect(app.get("access_token").asText()).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect(app.get("refresh_token").asText()).body()).isEqualTo("{\"active\":false}");

        ApiClient.Response anonymous = client().form("/oauth2/introspect", Map.of("token", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        ApiClient.Response publicClient = client().form("/oauth2/introspect", Map.of("token", "x", "client_id", APP));
        assertThat(publicClient.status()).isEqualTo(401);
        assertThat(anonymous.header("Cache-Control")).contains("no-store");
    }
}
