package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Administrators and second factors: GATEHOUSE_REQUIRE_MFA_FOR_ADMINS, and resetting a user's factor. */
class AdminFactorsIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static TestClock clock;
    static RunningGatehouse server;

    @BeforeAll
    static void start() {
        clock = new TestClock(Instant.now());
        server = RunningGatehouse.start(dataDirectory, Map.of("GATEHOUSE_REQUIRE_MFA_FOR_ADMINS", "on"), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    private static Account newAccount(Role role) {
        String email = role.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
        server.gatehouse().accounts().signUp(email, new Password(PASSWORD), role);
        return server.gatehouse().accounts().findByEmail(email).orElseThrow();
    }

    private static String enrol(Account account) {
        var factors = server.gatehouse().factors();
        String key = factors.beginTotp(account).orElseThrow().secret();
        factors.confirmTotp(account.id(), TotpCalculator.at(key, clock.instant()), Actor.SYSTEM);
        clock.advance(Duration.ofSeconds(30));
        return key;
    }

    /** Signs in through the JSON API, with the code when asked. */
    private static ApiClient signedIn(Account account, String key) {
        ApiClient client = client();
        var first = client.login(account.email().value(), PASSWORD);
        if (first.status() == 401) {
            var second = client.completeLogin(
                    first.json().get("mfa_token").asText(), TotpCalculator.at(key, clock.instant()));
            assertThat(second.status()).as(second.body()).isEqualTo(200);
        } else {
            assertThat(first.status()).isEqualTo(200);
        }
        return client;
    }

    @Test
    void anAdminWithoutASecondFactorIsSentToSetOneUp() {
        ApiClient admin = signedIn(newAccount(Role.ADMIN), "");

        var console = admin.get("/admin/users");
        assertThat(console.status()).isEqualTo(303);
        assertThat(console.header("Location")).contains("/account/factors?notice=admin-needs-factor");
        var api = admin.get("/admin/v1/users");
        assertThat(api.status()).isEqualTo(403);
        assertThat(admin.get("/account/factors").status())
                .as("the way out stays open")
                .isEqualTo(200);
    }

    @Test
    void anAdminWithOneSeesAndResetsAUsersFactorAndItIsAudited() {
        Account root = newAccount(Role.ADMIN);
        ApiClient admin = signedIn(root, enrol(root));
        Account ada = newAccount(Role.USER);
        enrol(ada);
        String path = "/admin/users/" + ada.id().value();

        assertThat(admin.get("/admin/users").status()).isEqualTo(200);
        assertThat(admin.get(path).body()).contains("data-totp=\"on\"").contains("reset-factors-form");
        var factors = admin.get("/admin/v1/users/" + ada.id().value() + "/factors");
        assertThat(factors.json().get("totp").asBoolean()).isTrue();
        assertThat(factors.json().get("recovery_codes_left").asInt()).isEqualTo(10);

        assertThat(admin.delete("/admin/v1/users/" + ada.id().value() + "/factors")
                        .status())
                .isEqualTo(204);

        assertThat(server.gatehouse().factors().factors(ada.id()).any()).isFalse();
        assertThat(client().login(ada.email().value(), PASSWORD).status())
                .as("the password alone signs in again")
                .isEqualTo(200);
        assertThat(server
                        .gatehouse()
                        .audit()
                        .find(new AuditQuery(
                                java.util.Optional.of(ada.id().value()),
                                java.util.Optional.of(AuditType.SECOND_FACTORS_RESET),
                                java.util.Optional.empty(),
                                java.util.Optional.empty(),
                                java.util.Optional.empty(),
                                10))
                        .stream()
                        .filter(e -> e.type() == AuditType.SECOND_FACTORS_RESET))
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).contains(root.id().value()));
    }

    @Test
    void theConsolesResetAsksAnOldSignInForThePasswordAndTheCode() {
        Account root = newAccount(Role.ADMIN);
        String rootKey = enrol(root);
        ApiClient admin = signedIn(root, rootKey);
        String token = admin.csrfToken().orElseThrow();
        Account grace = newAccount(Role.USER);
        enrol(grace);
        String path = "/admin/users/" + grace.id().value();
        clock.advance(Duration.ofMinutes(11));

        assertThat(admin.get(path).body()).contains("name=\"reauth_password\"").contains("name=\"reauth_code\"");
        var asked = admin.form(path + "/reset-factors", Map.of("csrf_token", token));
        assertThat(asked.status()).isEqualTo(403);
        var withoutCode = admin.form(path + "/reset-factors", Map.of("csrf_token", token, "reauth_password", PASSWORD));
        assertThat(withoutCode.status())
                .as("the admin has a second factor: the password is not enough")
                .isEqualTo(400);
        assertThat(server.gatehouse().factors().factors(grace.id()).any()).isTrue();

        var confirmed = admin.form(
                path + "/reset-factors",
                Map.of(
                        "csrf_token",
                        token,
                        "reauth_password",
                        PASSWORD,
                        "reauth_code",
                        TotpCalculator.at(rootKey, clock.instant())));

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(303);
        assertThat(confirmed.header("Location")).contains(path + "?notice=factors-reset");
        assertThat(server.gatehouse().factors().factors(grace.id()).any()).isFalse();
    }

    private static String problemType(ApiClient.Response response) {
        return response.json().get("type").asText();
    }

    /** A token exchanged for the cookie session, carrying the admin scope. */
    private static ApiClient.Response exchange(ApiClient browser) {
        var clients = server.gatehouse().clients();
        if (clients.find("mobile").isEmpty()) {
            clients.create(
                    new dev.gatehouse.core.client.ClientId("mobile"),
                    dev.gatehouse.core.client.ClientType.FIRST_PARTY,
                    java.util.Set.of(
                            dev.gatehouse.core.client.GrantType.LOGIN,
                            dev.gatehouse.core.client.GrantType.REFRESH_TOKEN,
                            dev.gatehouse.core.client.GrantType.TOKEN_EXCHANGE),
                    java.util.List.of());
        }
        return browser.form(
                "/oauth2/token",
                Map.of(
                        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                        "client_id", "mobile",
                        "subject_token_type", "urn:gatehouse:params:oauth:token-type:session",
                        "scope", "admin"));
    }

    @Test
    void aPasswordOnlySessionOfAnAdminWhoThenEnrolsIsRefusedUntilItUsesTheFactor() {
        Account root = newAccount(Role.ADMIN);
        ApiClient admin = signedIn(root, "");
        String key = enrol(root);

        var api = admin.get("/admin/v1/users");
        assertThat(api.status()).as(api.body()).isEqualTo(403);
        assertThat(problemType(api)).isEqualTo("urn:gatehouse:problem:step-up-required");
        var console = admin.get("/admin/users");
        assertThat(console.status()).isEqualTo(303);
        assertThat(console.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("/login?prompt=login"));
        Account ada = newAccount(Role.USER);
        assertThat(admin.delete("/admin/v1/users/" + ada.id().value() + "/factors")
                        .status())
                .isEqualTo(403);
        assertThat(admin.post("/admin/v1/keys/rotate", Map.of()).status()).isEqualTo(403);

        var stepUp = admin.form(
                "/account/factors/recovery-codes",
                Map.of(
                        "csrf_token",
                        admin.csrfToken().orElseThrow(),
                        "reauth_password",
                        PASSWORD,
                        "reauth_code",
                        TotpCalculator.at(key, clock.instant())));
        assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);

        assertThat(admin.get("/admin/v1/users").status())
                .as("the same session, now with the second factor")
                .isEqualTo(200);
        assertThat(admin.get("/admin/users").status()).isEqualTo(200);
    }

    @Test
    void aBearerTokenWithoutTheSecondFactorIsRefusedAndOneWithItIsServed() {
        Account root = newAccount(Role.ADMIN);
        ApiClient passwordOnly = signedIn(root, "");
        String key = enrol(root);
        var weak = exchange(passwordOnly);
        assertThat(weak.status()).as(weak.body()).isEqualTo(200);
        String weakToken = weak.json().get("access_token").asText();
        Account ada = newAccount(Role.USER);

        var refused = client().getWithBearer("/admin/v1/users", weakToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(problemType(refused)).isEqualTo("urn:gatehouse:problem:step-up-required");
        assertThat(client().send(
                                "DELETE",
                                "/admin/v1/users/" + ada.id().value(),
                                null,
                                "Authorization",
                                "Bearer " + weakToken)
                        .status())
                .isEqualTo(403);
        assertThat(server.gatehouse().accounts().find(ada.id())).isPresent();

        clock.advance(Duration.ofSeconds(30));
        var strong = exchange(signedIn(root, key));
        assertThat(strong.status()).as(strong.body()).isEqualTo(200);
        String strongToken = strong.json().get("access_token").asText();
        assertThat(client().getWithBearer("/admin/v1/users", strongToken).status())
                .isEqualTo(200);
        assertThat(client().send(
                                "DELETE",
                                "/admin/v1/users/" + ada.id().value(),
                                null,
                                "Authorization",
                                "Bearer " + strongToken)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void theApisSensitiveActsAskAnOldSignInToSignInAgain() {
        Account root = newAccount(Role.ADMIN);
        String key = enrol(root);
        ApiClient admin = signedIn(root, key);
        Account ada = newAccount(Role.USER);
        clock.advance(Duration.ofMinutes(11));

        assertThat(admin.get("/admin/v1/users").status())
                .as("reading needs no recent sign-in")
                .isEqualTo(200);
        var rotate = admin.post("/admin/v1/keys/rotate", Map.of());
        assertThat(rotate.status()).isEqualTo(403);
        assertThat(problemType(rotate)).isEqualTo("urn:gatehouse:problem:step-up-required");
        var delete = admin.delete("/admin/v1/users/" + ada.id().value());
        assertThat(delete.status()).isEqualTo(403);
        assertThat(problemType(delete)).isEqualTo("urn:gatehouse:problem:step-up-required");
        assertThat(server.gatehouse().accounts().find(ada.id())).isPresent();

        ApiClient fresh = signedIn(root, key);
        assertThat(fresh.post("/admin/v1/keys/rotate", Map.of()).status()).isEqualTo(200);
        assertThat(fresh.delete("/admin/v1/users/" + ada.id().value()).status()).isEqualTo(204);
    }
}
