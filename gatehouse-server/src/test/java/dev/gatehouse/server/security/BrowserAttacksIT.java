package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack classes a browser brings: CSRF in its variants (opaque and look-alike origins, login CSRF),
 * cookie theft by script or over plain HTTP, session fixation, and open redirects after login.
 */
class BrowserAttacksIT {
    static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;

    @BeforeAll
    static void start() {
        server = RunningGatehouse.start(dataDirectory, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void csrfFromAnOpaqueOriginIsRefused() {
        ApiClient victim = loggedIn();

        ApiClient.Response response = victim.send("DELETE", "/v1/sessions", null, "Origin", "null");

        assertThat(response.status()).isEqualTo(403);
        assertThat(victim.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void csrfFromLookAlikeOriginsIsRefused() {
        ApiClient victim = loggedIn();
        String issuer = RunningGatehouse.ISSUER;
        String host = issuer.replaceFirst("^https?://", "");
        for (String origin : new String[] {
            issuer + ".evil.example",
            "http://evil." + host,
            issuer.replace("https://", "http://"),
            issuer + "0",
            issuer.toUpperCase(java.util.Locale.ROOT) + "x"
        }) {
            ApiClient.Response response = victim.send("DELETE", "/v1/sessions", null, "Origin", origin);

            assertThat(response.status()).as(origin).isEqualTo(403);
        }
        assertThat(victim.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void loginCsrfFromAnotherSiteCannotLogTheVictimIntoTheAttackersAccount() {
        String attacker = signUp();

        ApiClient.Response response = new ApiClient(server.baseUri(), "https://evil.example").login(attacker, PASSWORD);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Set-Cookie")).isEmpty();
    }

    @Test
    void theSessionCookieIsOutOfReachOfScriptsPlainHttpAndOtherSites() {
        ApiClient.Response login = client().login(signUp(), PASSWORD);

        String cookie = login.header("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-gatehouse=");
        assertThat(cookie).contains("; Path=/").containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure");
        assertThat(cookie).containsIgnoringCase("SameSite=Lax");
        assertThat(cookie).doesNotContainIgnoringCase("Domain=");
        assertThat(login.body()).doesNotContain(cookie.split(";")[0].substring("__Host-gatehouse=".length()));
    }

    @Test
    void sessionFixationAPlantedCookieIsReplacedAtLogin() {
        ApiClient victim = client();
        victim.useCookie("A".repeat(43));

        assertThat(victim.login(signUp(), PASSWORD).status()).isEqualTo(200);

        assertThat(victim.cookie()).isPresent().get().isNotEqualTo("A".repeat(43));
    }

    @Test
    void openRedirectAfterLoginThereIsNoRedirectToAbuse() {
        String email = signUp();

        ApiClient.Response response = client().send(
                        "POST",
                        "/v1/sessions",
                        ApiClient.json(
                                Map.of("email", email, "password", PASSWORD, "redirect_uri", "https://evil.example")),
                        "Origin",
                        RunningGatehouse.ISSUER);
        ApiClient.Response plain = client().login(email, PASSWORD);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isEmpty();
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Location")).isEmpty();
    }

    static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    static String signUp() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    static ApiClient loggedIn() {
        ApiClient client = client();
        assertThat(client.login(signUp(), PASSWORD).status()).isEqualTo(200);
        return client;
    }
}
