package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack class: privilege escalation through the admin API — no credentials, a user's credentials, a
 * user asking for the admin scope, mass-assigned roles, cross-site admin requests — and what the API
 * gives an administrator: users, sessions, token logins, clients, keys, the audit trail; never a
 * secret.
 */
class AdminApiIT {
    static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;
    static String adminEmail;

    @BeforeAll
    static void start() {
        server = RunningGatehouse.start(dataDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on"));
        adminEmail = "admin-" + UUID.randomUUID() + "@example.com";
        server.gatehouse().accounts().signUp(adminEmail, new Password(PASSWORD), Role.ADMIN);
        server.registerFirstPartyApp("mobile");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutCredentialsTheAdminApiAnswers401AndToAUser403() {
        assertThat(client().get("/admin/v1/users").status()).isEqualTo(401);
        ApiClient user = client();
        assertThat(user.login(newUser(), PASSWORD).status()).isEqualTo(200);

        ApiClient.Response refused = user.get("/admin/v1/users");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:forbidden");
    }

    @Test
    void aUserAskingForTheAdminScopeGetsNoToken() {
        String email = newUser();

        ApiClient.Response response = client().post(
                        "/v1/tokens",
                        Map.of("email", email, "password", PASSWORD, "client_id", "mobile", "scope", "admin"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void massAssignedRoleFieldsAtSignUpAreRefusedOrIgnored() {
        String email = "mass-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response response = client().send(
                        "POST",
                        "/v1/accounts",
                        ApiClient.json(Map.of("email", email, "password", PASSWORD, "role", "admin", "admin", true)));

        assertThat(response.status()).isIn(202, 400);
        server.gatehouse()
                .accounts()
                .findByEmail(email)
                .ifPresent(account -> assertThat(account.role()).isEqualTo(Role.USER));
    }

    @Test
    void anAdminCookieNeedsTheCsrfTokenAndASameOriginRequestToChangeAnything() {
        ApiClient admin = admin();
        String userId = userId(newUser());

        ApiClient.Response crossSite = admin.send(
                "POST",
                "/admin/v1/users/" + userId + "/lock",
                "{}",
                "Origin",
                "https://evil.example",
                "X-CSRF-Token",
                "x");
        ApiClient.Response withoutToken = client().send(
                        "POST",
                        "/admin/v1/users/" + userId + "/lock",
                        "{}",
                        "Cookie",
                        "__Host-gatehouse=" + admin.cookie().orElseThrow());

        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(server.gatehouse()
                        .accounts()
                        .find(new dev.gatehouse.core.account.AccountId(userId))
                        .orElseThrow()
                        .locked())
                .isFalse();
    }

    @Test
    void anAdminLocksAUserEndingTheirSessionsAndUnlocksThemClearingTheLockOut() {
        ApiClient admin = admin();
        String email = newUser();
        ApiClient user = client();
        assertThat(user.login(email, PASSWORD).status()).isEqualTo(200);
        String id = userId(email);

        ApiClient.Response locked = admin.post("/admin/v1/users/" + id + "/lock", Map.of());

        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.json().get("locked").asBoolean()).isTrue();
        assertThat(user.get("/v1/me").status()).isEqualTo(401);
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            client().login(email, "wrong guess " + i);
        }
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(429);

        assertThat(admin.post("/admin/v1/users/" + id + "/unlock", Map.of()).status())
                .isEqualTo(200);
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anAdminSeesAndEndsAUsersSessionsAndTokenLoginsWithoutSeeingATokenOrHash() {
        ApiClient admin = admin();
        String email = newUser();
        JsonNode tokens = client().post(
                        "/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "mobile"))
                .json();
        String id = userId(email);

        ApiClient.Response sessions = admin.get("/admin/v1/users/" + id + "/sessions");
        ApiClient.Response families = admin.get("/admin/v1/users/" + id + "/refresh-families");
        ApiClient.Response user = admin.get("/admin/v1/users/" + id);
        ApiClient.Response keys = admin.get("/admin/v1/keys");
        ApiClient.Response clients = admin.get("/admin/v1/clients");

        for (ApiClient.Response response : List.of(sessions, families, user, keys, clients)) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body())
                    .doesNotContain(tokens.get("refresh_token").asText())
                    .doesNotContain(tokens.get("access_token").asText())
                    .doesNotContain("$argon2")
                    .doesNotContainIgnoringCase("hash")
                    .doesNotContain("\"d\"")
                    .doesNotContainIgnoringCase("secret");
        }
        String familyId =
                families.json().get("refresh_families").get(0).get("id").asText();
        assertThat(admin.delete("/admin/v1/users/" + id + "/refresh-families/" + familyId)
                        .status())
                .isEqualTo(204);
        assertThat(client().form(
                                "/oauth2/token",
                                Map.of(
                                        "grant_type", "refresh_token",
                                        "client_id", "mobile",
                                        "refresh_token",
                                                tokens.get("refresh_token").asText()))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anAdminBearerTokenNeedsTheAdminScope() {
        JsonNode plain = client().post(
                        "/v1/tokens", Map.of("email", adminEmail, "password", PASSWORD, "client_id", "mobile"))
                .json();
        JsonNode scoped = client().post(
                        "/v1/tokens",
                        Map.of("email", adminEmail, "password", PASSWORD, "client_id", "mobile", "scope", "admin"))
                .json();

        assertThat(client().getWithBearer(
                                "/admin/v1/users", plain.get("access_token").asText())
                        .status())
                .isEqualTo(403);
        assertThat(client().getWithBearer(
                                "/admin/v1/users", scoped.get("access_token").asText())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theAuditTrailRecordsSecurityEventsFiltersThemAndNeverHoldsAPassword() {
        ApiClient admin = admin();
        String email = newUser();
        String id = userId(email);
        client().login(email, "a wrong password here");
        ApiClient user = client();
        user.login(email, PASSWORD);
        user.delete("/v1/sessions/current");

        ApiClient.Response mine = admin.get("/admin/v1/audit?account=" + id);
        ApiClient.Response logins = admin.get("/admin/v1/audit?type=login_succeeded&limit=2");

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("events").findValuesAsText("type")).contains("sign_up", "login_succeeded", "logout");
        assertThat(logins.json().get("events")).hasSizeLessThanOrEqualTo(2);
        assertThat(logins.json().get("events").findValuesAsText("type")).containsOnly("login_succeeded");
        ApiClient.Response failures = admin.get("/admin/v1/audit?type=login_failed");
        assertThat(failures.json().get("events").findValuesAsText("type")).contains("login_failed");
        assertThat(mine.body() + failures.body()).doesNotContain(PASSWORD).doesNotContain("a wrong password here");
        assertThat(admin.get("/admin/v1/audit?type=no_such_type").status()).isEqualTo(400);
        assertThat(admin.get("/admin/v1/audit?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void anAdminDeletesAUserWhoseSessionsEndFirst() {
        ApiClient admin = admin();
        String email = newUser();
        ApiClient user = client();
        user.login(email, PASSWORD);
        String id = userId(email);

        assertThat(admin.delete("/admin/v1/users/" + id).status()).isEqualTo(204);

        assertThat(user.get("/v1/me").status()).isEqualTo(401);
        assertThat(admin.get("/admin/v1/users/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/admin/v1/audit?type=account_deleted").body()).contains(id);
    }

    @Test
    void anAdminCannotLockDeleteSignOutOrResetTheFactorsOfTheirOwnAccountThroughTheApi() {
        ApiClient admin = admin();
        String own = userId(adminEmail);

        List<ApiClient.Response> refused = List.of(
                admin.post("/admin/v1/users/" + own + "/lock", Map.of()),
                admin.delete("/admin/v1/users/" + own),
                admin.delete("/admin/v1/users/" + own + "/sessions"),
                admin.delete("/admin/v1/users/" + own + "/factors"));

        for (ApiClient.Response response : refused) {
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:own-account");
        }
        // Nothing happened: the account is neither locked nor gone, and this session still works.
        assertThat(admin.get("/admin/v1/users/" + own).json().get("locked").asBoolean())
                .isFalse();
        assertThat(admin.get("/v1/me").status()).isEqualTo(200);
        assertThat(admin().get("/admin/v1/users").status()).isEqualTo(200);
    }

    static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    static ApiClient admin() {
        ApiClient admin = client();
        assertThat(admin.login(adminEmail, PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    static String newUser() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    static String userId(String email) {
        return server.gatehouse()
                .accounts()
                .findByEmail(email)
                .orElseThrow()
                .id()
                .value();
    }
}
