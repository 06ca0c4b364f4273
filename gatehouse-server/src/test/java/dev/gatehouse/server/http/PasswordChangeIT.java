package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordChangeIT extends ApiTestBase {
    private static final String NEW_PASSWORD = "seven silver swans swimming";

    @Test
    void changesThePasswordAndEndsEveryOtherSession() {
        String email = newAccount();
        ApiClient laptop = client();
        laptop.login(email, PASSWORD);
        ApiClient phone = client();
        phone.login(email, PASSWORD);

        ApiClient.Response response =
                laptop.post("/v1/password", Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("revoked_sessions").asInt()).isEqualTo(1);
        assertThat(laptop.get("/v1/me").status()).isEqualTo(200);
        assertThat(phone.get("/v1/me").status()).isEqualTo(401);
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(401);
        assertThat(client().login(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void needsTheCurrentPassword() {
        ApiClient client = loggedIn();

        assertProblem(
                client.post("/v1/password", Map.of("current_password", "not it at all", "new_password", NEW_PASSWORD)),
                403,
                "wrong-current-password");
        assertProblem(client.post("/v1/password", Map.of("new_password", NEW_PASSWORD)), 400, "invalid-request");
    }

    @Test
    void refusesAWeakNewPassword() {
        ApiClient client = loggedIn();

        assertProblem(
                client.post("/v1/password", Map.of("current_password", PASSWORD, "new_password", "qwertyuiop")),
                422,
                "weak-password");
    }

    @Test
    void needsTheCsrfToken() {
        ApiClient client = loggedIn();
        String body = ApiClient.json(Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD));

        assertProblem(client.send("POST", "/v1/password", body, "X-CSRF-Token", "wrong"), 403, "csrf-rejected");
    }
}
