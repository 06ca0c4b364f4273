package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.Actor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginIT extends ApiTestBase {

    @Test
    void setsAHostOnlySecureHttpOnlyLaxCookieWithA256BitToken() {
        ApiClient client = client();
        String email = newAccount();

        ApiClient.Response response = client.login(email, PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        String setCookie = response.header("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .matches("__Host-gatehouse=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=28800");
        assertThat(setCookie).doesNotContainIgnoringCase("domain");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void returnsTheSessionTheAccountAndACsrfToken() {
        ApiClient client = client();
        String email = newAccount();

        var body = client.login(email, PASSWORD).json();

        assertThat(body.get("csrf_token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("csrf_token").asText()).isNotEqualTo(client.cookie().orElseThrow());
        assertThat(body.get("account").get("email").asText()).isEqualTo(email);
        assertThat(body.get("session").get("current").asBoolean()).isTrue();
        assertThat(body.get("session").get("user_agent").asText()).contains("Java-http-client");
        assertThat(body.toString())
                .doesNotContain("argon2")
                .doesNotContain(client.cookie().orElseThrow());
    }

    @Test
    void answersUnknownEmailWrongPasswordAndLockedAccountAlike() {
        String email = newAccount();
        String locked = newAccount();
        var gatehouse = server.gatehouse();
        gatehouse
                .admin()
                .lock(gatehouse.accounts().findByEmail(locked).orElseThrow().id(), Actor.SYSTEM);

        ApiClient.Response unknown = client().login("nobody-" + email, PASSWORD);
        ApiClient.Response wrong = client().login(email, PASSWORD + "!");
        ApiClient.Response lockedOut = client().login(locked, PASSWORD);

        assertProblem(unknown, 401, "invalid-credentials");
        assertThat(wrong.status()).isEqualTo(unknown.status());
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(lockedOut.status()).isEqualTo(unknown.status());
        assertThat(lockedOut.body()).isEqualTo(unknown.body());
        assertThat(lockedOut.header("Set-Cookie")).isEmpty();
    }

    @Test
    void issuesANewTokenAtLoginAndIgnoresAPlantedOne() {
        String email = newAccount();
        ApiClient client = client();
        String planted = "A".repeat(43);
        client.useCookie(planted);

        client.login(email, PASSWORD);

        assertThat(client.cookie()).isPresent().get().isNotEqualTo(planted);
        assertThat(client.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void replacesTheBrowsersPreviousSessionAtANewLogin() {
        String email = newAccount();
        ApiClient client = client();
        client.login(email, PASSWORD);
        String first = client.cookie().orElseThrow();

        client.login(email, PASSWORD);

        ApiClient stale = client();
        stale.useCookie(first);
        assertThat(stale.get("/v1/me").status()).isEqualTo(401);
        assertThat(client.get("/v1/sessions").json().get("sessions")).hasSize(1);
    }

    @Test
    void refusesLoginFromAnotherSiteAgainstLoginCsrf() {
        String email = newAccount();
        String body = ApiClient.json(Map.of("email", email, "password", PASSWORD));

        assertProblem(
                client().send("POST", "/v1/sessions", body, "Origin", "https://evil.example"), 403, "csrf-rejected");
        assertProblem(client().send("POST", "/v1/sessions", body, "Origin", "null"), 403, "csrf-rejected");
        assertProblem(
                client().send("POST", "/v1/sessions", body, "Origin", "https://auth.example.test.evil.example"),
                403,
                "csrf-rejected");
        // Without Origin, Fetch Metadata decides.
        ApiClient noOrigin = new ApiClient(server.baseUri(), "");
        assertProblem(
                noOrigin.send("POST", "/v1/sessions", body, "Sec-Fetch-Site", "cross-site"), 403, "csrf-rejected");
        assertProblem(noOrigin.send("POST", "/v1/sessions", body, "Sec-Fetch-Site", "same-site"), 403, "csrf-rejected");
        assertThat(noOrigin.send("POST", "/v1/sessions", body, "Sec-Fetch-Site", "same-origin")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void acceptsLoginFromAClientThatIsNotABrowser() {
        String email = newAccount();
        ApiClient curlLike = new ApiClient(server.baseUri(), "");

        assertThat(curlLike.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void acceptsLoginFromTheIssuersOwnOrigin() {
        String email = newAccount();
        String body = ApiClient.json(Map.of("email", email, "password", PASSWORD));

        assertThat(client().send("POST", "/v1/sessions", body, "Origin", "https://auth.example.test")
                        .status())
                .isEqualTo(200);
    }
}
