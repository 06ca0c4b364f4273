package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsIT extends ApiTestBase {

    @Test
    void tellsWhoIsLoggedInOnlyWithALiveSession() {
        ApiClient client = loggedIn();

        ApiClient.Response current = client.get("/v1/sessions/current");

        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("csrf_token").asText())
                .isEqualTo(client.csrfToken().orElseThrow());
        assertProblem(client().get("/v1/sessions/current"), 401, "authentication-required");
        assertProblem(client().get("/v1/me"), 401, "authentication-required");
    }

    @Test
    void listsTheAccountsSessionsWithTheFieldsClientsRelyOn() {
        String email = newAccount();
        ApiClient laptop = client();
        laptop.login(email, PASSWORD);
        ApiClient phone = client();
        phone.login(email, PASSWORD);

        JsonNode sessions = laptop.get("/v1/sessions").json().get("sessions");

        assertThat(sessions).hasSize(2);
        List<Boolean> current = new ArrayList<>();
        for (JsonNode s : sessions) {
            for (String field : List.of(
                    "id", "current", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "device")) {
                assertThat(s.has(field)).as(field).isTrue();
            }
            assertThat(s.get("ip").asText()).isEqualTo("127.0.0.1");
            current.add(s.get("current").asBoolean());
        }
        assertThat(current).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void logsOutServerSideAndClearsTheCookie() {
        ApiClient client = loggedIn();
        String token = client.cookie().orElseThrow();

        ApiClient.Response logout = client.delete("/v1/sessions/current");

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie"))
                .contains("__Host-gatehouse=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0");
        ApiClient replay = client();
        replay.useCookie(token);
        assertThat(replay.get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void revokesAnotherOfMySessionsButNotSomeoneElses() {
        String email = newAccount();
        ApiClient laptop = client();
        laptop.login(email, PASSWORD);
        ApiClient phone = client();
        String phoneSession =
                phone.login(email, PASSWORD).json().get("session").get("id").asText();
        ApiClient stranger = loggedIn();

        assertProblem(stranger.delete("/v1/sessions/" + phoneSession), 404, "session-not-found");
        assertThat(phone.get("/v1/me").status()).isEqualTo(200);

        assertThat(laptop.delete("/v1/sessions/" + phoneSession).status()).isEqualTo(204);
        assertThat(phone.get("/v1/me").status()).isEqualTo(401);
        assertThat(laptop.get("/v1/me").status()).isEqualTo(200);
        assertProblem(laptop.delete("/v1/sessions/" + "x".repeat(100)), 404, "session-not-found");
    }

    @Test
    void logsOutEverywhere() {
        String email = newAccount();
        ApiClient laptop = client();
        laptop.login(email, PASSWORD);
        ApiClient phone = client();
        phone.login(email, PASSWORD);

        ApiClient.Response response = laptop.delete("/v1/sessions");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("revoked_sessions").asInt()).isEqualTo(2);
        assertThat(phone.get("/v1/me").status()).isEqualTo(401);
        assertThat(laptop.cookie()).isEmpty();
    }

    @Test
    void refusesCookieRequestsThatChangeStateWithoutTheCsrfToken() {
        ApiClient client = loggedIn();
        ApiClient other = loggedIn();

        assertProblem(client.send("DELETE", "/v1/sessions", null, "X-CSRF-Token", ""), 403, "csrf-rejected");
        assertProblem(
                client.send(
                        "DELETE",
                        "/v1/sessions",
                        null,
                        "X-CSRF-Token",
                        other.csrfToken().orElseThrow()),
                403,
                "csrf-rejected");
        assertProblem(
                client.send("DELETE", "/v1/sessions", null, "Origin", "https://evil.example"), 403, "csrf-rejected");
        assertProblem(client.send("DELETE", "/v1/sessions", null, "Origin", "null"), 403, "csrf-rejected");
        assertProblem(
                client.send("DELETE", "/v1/sessions", null, "Origin", "http://auth.example.test"),
                403,
                "csrf-rejected");

        assertThat(client.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void refusesAMissingCsrfTokenEvenFromANonBrowserClient() {
        ApiClient browser = loggedIn();
        ApiClient scripted = new ApiClient(server.baseUri(), "");
        scripted.useCookie(browser.cookie().orElseThrow());

        assertProblem(scripted.delete("/v1/sessions"), 403, "csrf-rejected");
        assertThat(browser.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void ignoresTwoSessionCookiesAtOnce() {
        ApiClient one = loggedIn();
        ApiClient two = loggedIn();

        ApiClient.Response response = client().send(
                        "GET",
                        "/v1/me",
                        null,
                        "Cookie",
                        "__Host-gatehouse=" + one.cookie().orElseThrow() + "; __Host-gatehouse="
                                + two.cookie().orElseThrow());

        assertThat(response.status()).isEqualTo(401);
    }
}
