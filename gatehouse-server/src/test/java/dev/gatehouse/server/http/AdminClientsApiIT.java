package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /admin/v1/clients}: the CLI's and the console's registration over the admin API, with their
 * rules (problem+json 400s), the secret shown once, the audit event, and the console's recent sign-in.
 */
class AdminClientsApiIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static TestClock clock;
    static RunningGatehouse server;
    static String adminEmail;

    @BeforeAll
    static void start() {
        clock = new TestClock(Instant.now());
        server = RunningGatehouse.start(dataDirectory, Map.of(), clock);
        adminEmail = "admin-" + UUID.randomUUID() + "@example.com";
        server.gatehouse().accounts().signUp(adminEmail, new Password(PASSWORD), Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConfidentialClientGetsItsSecretOnceAndTheSecretWorks() {
        ApiClient admin = admin();

        ApiClient.Response created = admin.post(
                "/admin/v1/clients",
                Map.of("client_id", "billing", "type", "confidential", "audiences", List.of("https://api.example")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String secret = created.json().get("client_secret").asText();
        assertThat(secret).hasSize(43);
        assertThat(created.json().get("client").get("grants").toString()).contains("client_credentials");
        assertThat(admin.get("/admin/v1/clients").body()).contains("billing").doesNotContain(secret);
        assertThat(admin.get("/admin/v1/audit?type=client_created").body()).contains("billing");
        String basic = Base64.getEncoder().encodeToString(("billing:" + secret).getBytes(StandardCharsets.UTF_8));
        ApiClient.Response token = client().form(
                        "/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization", "Basic " + basic);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
    }

    @Test
    void aWebClientIsRegisteredWithItsRedirectsAndAPublicOneWithoutASecret() {
        ApiClient admin = admin();

        ApiClient.Response web = admin.post(
                "/admin/v1/clients",
                Map.of(
                        "client_id",
                        "shop-api",
                        "type",
                        "web",
                        "redirect_uris",
                        List.of("https://shop.example/cb"),
                        "post_logout_redirect_uris",
                        List.of("https://shop.example/"),
                        "backchannel_logout_uri",
                        "https://shop.example/logout",
                        "first_party",
                        true,
                        "id_token_signed_response_alg",
                        "ES256"));
        ApiClient.Response desktop = admin.post(
                "/admin/v1/clients",
                Map.of("client_id", "desktop-api", "type", "public", "redirect_uris", List.of("http://127.0.0.1/cb")));

        assertThat(web.status()).as(web.body()).isEqualTo(201);
        JsonNode client = web.json().get("client");
        assertThat(client.get("redirect_uris").toString()).isEqualTo("[\"https://shop.example/cb\"]");
        assertThat(client.get("backchannel_logout_uri").asText()).isEqualTo("https://shop.example/logout");
        assertThat(client.get("first_party").asBoolean()).isTrue();
        assertThat(client.get("id_token_signed_response_alg").asText()).isEqualTo("ES256");
        assertThat(web.json().get("client_secret").asText()).hasSize(43);
        assertThat(desktop.status()).as(desktop.body()).isEqualTo(201);
        assertThat(desktop.json().get("client_secret").isNull()).isTrue();
    }

    @Test
    void theRulesOfTheCliAndTheConsoleAnswerProblems() {
        ApiClient admin = admin();
        admin.post("/admin/v1/clients", Map.of("client_id", "taken", "type", "confidential"));

        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("client_id", "no spaces please", "type", "confidential"),
                // An account id's shape: a service's tokens would carry a user's sub (RFC 9068 section 5).
                Map.of(
                        "client_id",
                        server.gatehouse()
                                .accounts()
                                .findByEmail(adminEmail)
                                .orElseThrow()
                                .id()
                                .value(),
                        "type",
                        "confidential"),
                Map.of("client_id", "8BF5B0EB6845085B5FEF720A52386F5E", "type", "confidential"),
                Map.of("client_id", "x1", "type", "robot"),
                Map.of("client_id", "x2", "type", "web"),
                Map.of("client_id", "x3", "type", "web", "redirect_uris", List.of("http://shop.example/cb")),
                Map.of("client_id", "x4", "type", "web", "redirect_uris", List.of("https://shop.example/cb#f")),
                Map.of("client_id", "x5", "type", "public", "redirect_uris", List.of("http://127.0.0.1:0/cb")),
                Map.of("client_id", "x6", "type", "confidential", "redirect_uris", List.of("https://a.example/")),
                Map.of("client_id", "x7", "type", "confidential", "grants", List.of("password")),
                Map.of("client_id", "x8", "type", "confidential", "check_cookies", true),
                Map.of("client_id", "x9", "type", "confidential", "scopes", List.of("two words")),
                Map.of("client_id", "x10", "type", "confidential", "role", "admin"),
                Map.of(
                        "client_id", "x11",
                        "type", "web",
                        "redirect_uris", List.of("https://a.example/"),
                        "id_token_signed_response_alg", "HS256"),
                Map.of("client_id", "x12", "type", "confidential", "audiences", java.util.Arrays.asList((String) null)),
                Map.of("client_id", "x13", "type", "web", "redirect_uris", java.util.Arrays.asList((String) null)),
                Map.of(
                        "client_id",
                        "x14",
                        "type",
                        "web",
                        "redirect_uris",
                        List.of("https://a.example/"),
                        "post_logout_redirect_uris",
                        java.util.Arrays.asList((String) null)))) {
            ApiClient.Response refused = admin.post("/admin/v1/clients", body);
            assertThat(refused.status()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).contains("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-request");
        }
        ApiClient.Response taken =
                admin.post("/admin/v1/clients", Map.of("client_id", "taken", "type", "confidential"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:client-id-taken");
        assertThat(admin.get("/admin/v1/clients").body()).doesNotContain("\"x1").doesNotContain("\"x5");
    }

    /** As the console asks a password again: an old sign-in creates, deletes and locks nothing. */
    @Test
    void creatingAndDeletingClientsAndLockingUsersNeedARecentSignIn() {
        ApiClient admin = admin();
        assertThat(admin.post("/admin/v1/clients", Map.of("client_id", "doomed", "type", "confidential"))
                        .status())
                .isEqualTo(201);
        String user = "user-" + UUID.randomUUID() + "@example.com";
        server.gatehouse().accounts().signUp(user, new Password(PASSWORD), Role.USER);
        String userId = server.gatehouse()
                .accounts()
                .findByEmail(user)
                .orElseThrow()
                .id()
                .value();
        clock.advance(Duration.ofMinutes(11));

        ApiClient.Response create =
                admin.post("/admin/v1/clients", Map.of("client_id", "late", "type", "confidential"));
        ApiClient.Response delete = admin.delete("/admin/v1/clients/doomed");
        ApiClient.Response lock = admin.post("/admin/v1/users/" + userId + "/lock", Map.of());

        for (ApiClient.Response refused : List.of(create, delete, lock)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:step-up-required");
        }
        assertThat(admin.get("/admin/v1/clients").body()).contains("doomed").doesNotContain("\"late\"");
        ApiClient fresh = admin();
        assertThat(fresh.delete("/admin/v1/clients/doomed").status()).isEqualTo(204);
        assertThat(fresh.post("/admin/v1/users/" + userId + "/lock", Map.of()).status())
                .isEqualTo(200);
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    private static ApiClient admin() {
        ApiClient admin = client();
        assertThat(admin.login(adminEmail, PASSWORD).status()).isEqualTo(200);
        return admin;
    }
}
