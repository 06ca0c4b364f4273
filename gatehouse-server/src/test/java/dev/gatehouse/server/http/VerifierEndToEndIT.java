package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.testkit.Await;
import dev.gatehouse.verifier.GatehouseVerifier;
import dev.gatehouse.verifier.RejectionReason;
import dev.gatehouse.verifier.SessionCheckResult;
import dev.gatehouse.verifier.VerificationResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier SDK against a real Gatehouse on loopback: it verifies tokens locally and, following the
 * revocation stream, rejects a logged-out session's token within a second.
 */
class VerifierEndToEndIT {
    @TempDir
    Path dataDirectory;

    @Test
    void aRevokedSessionsTokenIsRejectedWithinASecond() {
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_PORT", String.valueOf(port), "GATEHOUSE_ISSUER", issuer))) {
            String secret = registerMobileAppAndOrdersApi(server);
            ApiClient browser = new ApiClient(server.baseUri(), issuer);
            String accessToken = appAccessToken(browser, "e2e@example.com");

            try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                    .issuer(URI.create(issuer))
                    .audience("orders-api")
                    .revocationFeedCredentials("orders", secret)
                    .allowInsecureHttpForLocalDevelopment()
                    .build()) {
                assertThat(verifier.verify(accessToken).isVerified()).isTrue();
                awaitStreaming(verifier);

                browser.login("e2e@example.com", "purple elephants dance quietly");
                assertThat(browser.delete("/v1/sessions").status()).isEqualTo(200);

                Await.holdsWithin(
                        Duration.ofSeconds(1),
                        () -> !verifier.verify(accessToken).isVerified());
                VerificationResult result = verifier.verify(accessToken);
                assertThat(result)
                        .isInstanceOfSatisfying(
                                VerificationResult.Rejected.class,
                                r -> assertThat(r.reason()).isEqualTo(RejectionReason.REVOKED));
            }
        }
    }

    /** OpenID Connect's code flow: its access token belongs to the browser session that authorized it. */
    @Test
    void aCodeFlowTokenIsRejectedWithinASecondAfterTheBrowserSignsOut() {
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_PORT", String.valueOf(port), "GATEHOUSE_ISSUER", issuer))) {
            String ordersSecret = registerMobileAppAndOrdersApi(server);
            String shopSecret = server.gatehouse()
                    .clients()
                    .create(
                            new ClientId("shop"),
                            ClientType.WEB,
                            new dev.gatehouse.core.client.NewClientSettings(
                                    GrantType.defaultsFor(ClientType.WEB),
                                    List.of("orders-api"),
                                    Set.of(),
                                    false,
                                    new dev.gatehouse.core.client.SignInRegistration(
                                            List.of("https://shop.example/cb"),
                                            List.of(),
                                            java.util.Optional.empty(),
                                            true)))
                    .orElseThrow()
                    .secret()
                    .orElseThrow();
            ApiClient browser = new ApiClient(server.baseUri(), issuer);
            browser.signUp("oidc-e2e@example.com", "purple elephants dance quietly");
            assertThat(browser.login("oidc-e2e@example.com", "purple elephants dance quietly")
                            .status())
                    .isEqualTo(200);
            String verifierValue = "v".repeat(43);
            String location = browser.get(
                            "/oauth2/authorize?client_id=shop&redirect_uri=https%3A%2F%2Fshop.example%2Fcb"
                                    + "&response_type=code&scope=openid&code_challenge="
                                    + dev.gatehouse.core.oidc.Pkce.challengeOf(verifierValue)
                                    + "&code_challenge_method=S256")
                    .header("Location")
                    .orElseThrow();
            String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
            String accessToken = new ApiClient(server.baseUri(), issuer)
                    .form(
                            "/oauth2/token",
                            Map.of(
                                    "grant_type",
                                    "authorization_code",
                                    "code",
                                    code,
                                    "redirect_uri",
                                    "https://shop.example/cb",
                                    "code_verifier",
                                    verifierValue),
                            "Authorization",
                            TokenTestBase.basic("shop", shopSecret))
                    .json()
                    .get("access_token")
                    .asText();

            try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                    .issuer(URI.create(issuer))
                    .audience("orders-api")
                    .revocationFeedCredentials("orders", ordersSecret)
                    .allowInsecureHttpForLocalDevelopment()
                    .build()) {
                assertThat(verifier.verify(accessToken).isVerified()).isTrue();
                awaitStreaming(verifier);

                assertThat(browser.delete("/v1/sessions/current").status()).isEqualTo(204);

                assertThat(Await.holdsWithin(
                                Duration.ofSeconds(1),
                                () -> !verifier.verify(accessToken).isVerified()))
                        .as("rejected within a second of the sign-out")
                        .isTrue();
                assertThat(verifier.verify(accessToken))
                        .isInstanceOfSatisfying(
                                VerificationResult.Rejected.class,
                                r -> assertThat(r.reason()).isEqualTo(RejectionReason.REVOKED));
            }
        }
    }

    /**
     * The stream drops (Gatehouse restarts) and a revocation is made while the verifier is cut off: on
     * reconnecting it resumes after the last entry it saw and still learns of the missed one.
     */
    @Test
    void aRevocationMadeWhileTheStreamWasDownArrivesWhenTheVerifierReconnects() {
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        Map<String, String> settings = Map.of("GATEHOUSE_PORT", String.valueOf(port), "GATEHOUSE_ISSUER", issuer);
        String accessToken;
        String accountId;
        String secret;
        try (RunningGatehouse first = RunningGatehouse.start(dataDirectory, settings)) {
            secret = registerMobileAppAndOrdersApi(first);
            accessToken = appAccessToken(new ApiClient(first.baseUri(), issuer), "resume@example.com");
            accountId = first.gatehouse()
                    .accounts()
                    .findByEmail("resume@example.com")
                    .orElseThrow()
                    .id()
                    .value();
        }
        // Gatehouse is down; the verifier starts, cannot stream, and waits.
        try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                .issuer(URI.create(issuer))
                .audience("orders-api")
                .revocationFeedCredentials("orders", secret)
                .allowInsecureHttpForLocalDevelopment()
                .build()) {
            long seen;
            RunningGatehouse second = RunningGatehouse.start(dataDirectory, settings);
            try {
                awaitStreaming(verifier);
                // Keys fetched while Gatehouse was down are retried only after the verifier's cool-down.
                Await.holdsWithin(
                        Duration.ofSeconds(40),
                        () -> verifier.verify(accessToken).isVerified());
                assertThat(verifier.verify(accessToken)).isInstanceOf(VerificationResult.Verified.class);
                seen = verifier.feedStatus().orElseThrow().cursor();
            } finally {
                second.close(); // the stream drops
            }
            try (var offline = dev.gatehouse.server.app.Gatehouse.open(
                    dev.gatehouse.server.config.ConfigLoader.load(Map.of(
                            "GATEHOUSE_PORT", String.valueOf(port),
                            "GATEHOUSE_ISSUER", issuer,
                            "GATEHOUSE_DATA_DIR", dataDirectory.toString())),
                    java.time.Clock.systemUTC(),
                    dev.gatehouse.core.secret.RandomSource.secure())) {
                // Revoked while no stream is open: only the feed's cursor can bring it to the verifier.
                offline.sessions().revokeAll(new dev.gatehouse.core.account.AccountId(accountId));
            }
            try (RunningGatehouse third = RunningGatehouse.start(dataDirectory, settings)) {
                assertThat(third.port()).isEqualTo(port); // the verifier's issuer again
                Await.holdsWithin(
                        Duration.ofSeconds(15),
                        () -> !verifier.verify(accessToken).isVerified());
                assertThat(verifier.verify(accessToken))
                        .isInstanceOfSatisfying(
                                VerificationResult.Rejected.class,
                                r -> assertThat(r.reason()).isEqualTo(RejectionReason.REVOKED));
                assertThat(verifier.feedStatus().orElseThrow().cursor()).isGreaterThan(seen);
                awaitStreaming(verifier);
            }
        }
    }

    @Test
    void checksACookieSessionByIntrospectionAndForgetsItWhenTheFeedRevokesIt() {
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_PORT", String.valueOf(port), "GATEHOUSE_ISSUER", issuer))) {
            String secret = server.gatehouse()
                    .clients()
                    .create(
                            new ClientId("admin-panel"),
                            ClientType.RESOURCE_SERVER,
                            new NewClientSettings(Set.of(), List.of(), Set.of(), true))
                    .orElseThrow()
                    .secret()
                    .orElseThrow();
            ApiClient browser = new ApiClient(server.baseUri(), issuer);
            browser.signUp("cookie@example.com", "purple elephants dance quietly");
            String accountId = browser.login("cookie@example.com", "purple elephants dance quietly")
                    .json()
                    .get("account")
                    .get("id")
                    .asText();
            String cookie = browser.cookie().orElseThrow();

            try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                    .issuer(URI.create(issuer))
                    .audience("admin-panel")
                    .revocationFeedCredentials("admin-panel", secret)
                    .sessionCacheTtl(Duration.ofSeconds(60))
                    .allowInsecureHttpForLocalDevelopment()
                    .build()) {
                assertThat(verifier.checkSessionCookie(cookie))
                        .isInstanceOfSatisfying(
                                SessionCheckResult.Active.class,
                                active ->
                                        assertThat(active.principal().subject()).isEqualTo(accountId));
                assertThat(verifier.checkSessionCookie("A".repeat(43))).isInstanceOf(SessionCheckResult.Inactive.class);
                awaitStreaming(verifier);

                browser.delete("/v1/sessions/current");

                // Cached for 60 s, but the feed's revocation drops it at once.
                Await.holdsWithin(
                        Duration.ofSeconds(1),
                        () -> !(verifier.checkSessionCookie(cookie) instanceof SessionCheckResult.Active));
                assertThat(verifier.checkSessionCookie(cookie)).isInstanceOf(SessionCheckResult.Inactive.class);
            }
        }
    }

    private static void awaitStreaming(GatehouseVerifier verifier) {
        Await.until(
                "the verifier streams the feed",
                Duration.ofSeconds(5),
                () -> verifier.feedStatus().orElseThrow().streaming());
    }

    /** The first-party "mobile" app (tokens for orders-api) and the "orders" API; returns the API's secret. */
    private static String registerMobileAppAndOrdersApi(RunningGatehouse server) {
        var clients = server.gatehouse().clients();
        clients.create(
                new ClientId("mobile"),
                ClientType.FIRST_PARTY,
                Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                List.of("orders-api"));
        return clients.create(new ClientId("orders"), ClientType.RESOURCE_SERVER, Set.of(), List.of("orders-api"))
                .orElseThrow()
                .secret()
                .orElseThrow();
    }

    /** Signs {@code email} up and logs the mobile app in as them; returns the access token. */
    private static String appAccessToken(ApiClient client, String email) {
        client.signUp(email, "purple elephants dance quietly");
        JsonNode tokens = client.post(
                        "/v1/tokens",
                        Map.of("email", email, "password", "purple elephants dance quietly", "client_id", "mobile"))
                .json();
        return tokens.get("access_token").asText();
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
