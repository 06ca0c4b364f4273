package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountsIT extends ApiTestBase {

    @Test
    void answersANewAndAnExistingAddressTheSame() {
        String email = "new-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response first = client().signUp(email, PASSWORD);
        ApiClient.Response again =
                client().signUp(email.toUpperCase(java.util.Locale.ROOT), "another good password here");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(200);
        assertThat(client().login(email, "another good password here").status()).isEqualTo(401);
    }

    @Test
    void refusesWeakPasswordsAndUnusableEmails() {
        String email = "weak-" + UUID.randomUUID() + "@example.com";

        assertProblem(client().signUp(email, "short"), 422, "weak-password");
        assertProblem(client().signUp(email, "password123"), 422, "weak-password");
        assertProblem(client().signUp(email, "x".repeat(1025)), 422, "weak-password");
        assertProblem(client().signUp("not an email", PASSWORD), 422, "invalid-email");
    }

    @Test
    void ignoresNoFieldItDoesNotKnowSoNobodySignsUpAsAdmin() {
        String body = ApiClient.json(
                Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "password", PASSWORD, "role", "admin"));

        assertProblem(client().send("POST", "/v1/accounts", body), 400, "invalid-request");
    }

    @Test
    void returnsTheCurrentAccountAsMe() {
        ApiClient client = client();
        String email = newAccount();
        client.login(email, PASSWORD);

        var me = client.get("/v1/me").json();

        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(me.get("role").asText()).isEqualTo("user");
        assertThat(me.has("password_hash")).isFalse();
    }
}
