package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.core.oidc.Pkce;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenID Connect Back-Channel Logout against a real Gatehouse and a real receiver on loopback (plain
 * http, allowed by the development flag): a sign-out reaches the app, failures are retried from the
 * outbox, redirects are not followed.
 */
class OidcBackChannelIT {
    private static final String VERIFIER = "b".repeat(43);
    private static final String REDIRECT = "https://bc.example/cb";

    @TempDir
    Path dataDirectory;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpServer receiver;
    private RunningGatehouse server;
    private TestClock clock;
    private String secret;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/backchannel", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = answer.get();
            if (status == 302) {
                exchange.getResponseHeaders()
                        .add(
                                "Location",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        clock = new TestClock(Instant.now());
        server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_BACKCHANNEL_ALLOW_INSECURE_HTTP_TO_LOOPBACK", "on"), clock);
        secret = server.gatehouse()
                .clients()
                .create(
                        new ClientId("bc"),
                        ClientType.WEB,
                        new NewClientSettings(
                                GrantType.defaultsFor(ClientType.WEB),
                                List.of(),
                                Set.of(),
                                false,
                                new SignInRegistration(
                                        List.of(REDIRECT),
                                        List.of(),
                                        Optional.of("http://127.0.0.1:"
                                                + receiver.getAddress().getPort() + "/backchannel"),
                                        true)))
                .orElseThrow()
                .secret()
                .orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.stop(0);
    }

    @Test
    void signingOutSendsTheAppASignedLogoutTokenForThatSession() throws Exception {
        ApiClient browser = signedIn("bc-1@example.com");
        codeFlowTokens(browser);
        String sid = browser.get("/v1/sessions/current")
                .json()
                .get("session")
                .get("id")
                .asText();

        assertThat(browser.send("DELETE", "/v1/sessions/current", null).status())
                .isEqualTo(204);

        Await.until("the logout token arrives", Duration.ofSeconds(5), () -> !received.isEmpty());
        String body = received.get(0);
        assertThat(body).startsWith("logout_token=");
        SignedJWT token =
                SignedJWT.parse(URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8));
        JWKSet keys = JWKSet.parse(new ApiClient(server.baseUri(), "")
                .get("/.well-known/jwks.json")
                .body());
        // Signed like the ID tokens (RS256), so the app verifies both with the same settings.
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.verify(new RSASSAVerifier(
                        keys.getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey())))
                .isTrue();
        assertThat(token.getHeader().getType().getType()).isEqualTo("logout+jwt");
        var claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(RunningGatehouse.ISSUER);
        assertThat(claims.getAudience()).containsExactly("bc");
        assertThat(claims.getStringClaim("sid")).isEqualTo(sid);
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getJSONObjectClaim("events"))
                .containsKey("http://schemas.openid.net/event/backchannel-logout");
        assertThat(claims.getClaim("nonce")).isNull();
        assertThat(claims.getJWTID()).isNotBlank();
        // The entry leaves the outbox once the answer is in, a moment after the receiver saw the request.
        Await.until(
                "the delivered entry leaves the outbox",
                Duration.ofSeconds(5),
                () -> server.gatehouse()
                        .backChannel()
                        .pending(new ClientId("bc"))
                        .isEmpty());
    }

    /** A session nobody signs out of ends too: the purge queues the apps' logout tokens as it deletes it. */
    @Test
    void aSessionThatSimplyExpiresIsLoggedOutAtTheAppToo() throws Exception {
        ApiClient browser = signedIn("bc-expiry@example.com");
        codeFlowTokens(browser);
        String sid = browser.get("/v1/sessions/current")
                .json()
                .get("session")
                .get("id")
                .asText();
        clock.advance(Duration.ofDays(400));

        assertThat(server.gatehouse().sessions().purgeExpired()).isPositive();

        Await.until("the logout token arrives", Duration.ofSeconds(5), () -> !received.isEmpty());
        SignedJWT token = SignedJWT.parse(
                URLDecoder.decode(received.get(0).substring("logout_token=".length()), StandardCharsets.UTF_8));
        assertThat(token.getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
        assertThat(server.gatehouse().sessions().purgeExpired())
                .as("nothing is left to purge, nor to tell")
                .isZero();
    }

    /** Deliveries run side by side: an app that never answers does not hold up another app's logout. */
    @Test
    void anAppThatNeverAnswersDoesNotHoldUpAnothersLogout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hanging.createContext("/backchannel", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hanging.start();
        try {
            String slowSecret = server.gatehouse()
                    .clients()
                    .create(
                            new ClientId("a-slow"),
                            ClientType.WEB,
                            new NewClientSettings(
                                    GrantType.defaultsFor(ClientType.WEB),
                                    List.of(),
                                    Set.of(),
                                    false,
                                    new SignInRegistration(
                                            List.of(REDIRECT),
                                            List.of(),
                                            Optional.of("http://127.0.0.1:"
                                                    + hanging.getAddress().getPort() + "/backchannel"),
                                            true)))
                    .orElseThrow()
                    .secret()
                    .orElseThrow();
            ApiClient browser = signedIn("bc-hang@example.com");
            codeFlowTokens(browser, "a-slow", slowSecret);
            codeFlowTokens(browser);

            assertThat(browser.send("DELETE", "/v1/sessions/current", null).status())
                    .isEqualTo(204);

            // Well within the 5 s the hanging app's attempt may take.
            Await.until("the answering app's logout token arrives", Duration.ofSeconds(3), () -> !received.isEmpty());
        } finally {
            release.countDown();
            hanging.stop(0);
        }
    }

    @Test
    void aFailedDeliveryWaitsInTheOutboxAndIsRetried() {
        answer.set(503);
        ApiClient browser = signedIn("bc-2@example.com");
        codeFlowTokens(browser);

        assertThat(browser.send("DELETE", "/v1/sessions/current", null).status())
                .isEqualTo(204);

        Await.until("the first attempt", Duration.ofSeconds(5), () -> received.size() == 1);
        Await.until(
                "the failure is recorded",
                Duration.ofSeconds(5),
                () -> server.gatehouse().backChannel().pending(new ClientId("bc")).stream()
                        .anyMatch(p -> p.attempts() == 1));
        answer.set(200);
        clock.advance(Duration.ofSeconds(6));
        Await.until("the retry", Duration.ofSeconds(5), () -> received.size() == 2);
        Await.until(
                "the outbox is empty",
                Duration.ofSeconds(5),
                () -> server.gatehouse()
                        .backChannel()
                        .pending(new ClientId("bc"))
                        .isEmpty());
    }

    @Test
    void aRedirectIsNotFollowed() {
        answer.set(302);
        ApiClient browser = signedIn("bc-3@example.com");
        codeFlowTokens(browser);

        browser.send("DELETE", "/v1/sessions/current", null);

        Await.until(
                "the redirect counts as a failure",
                Duration.ofSeconds(5),
                () -> server.gatehouse().backChannel().pending(new ClientId("bc")).stream()
                        .anyMatch(p ->
                                p.lastError().filter(e -> e.contains("302")).isPresent()));
        assertThat(received).hasSize(1);
    }

    private ApiClient signedIn(String email) {
        ApiClient browser = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
        browser.signUp(email, "purple elephants dance quietly");
        assertThat(browser.login(email, "purple elephants dance quietly").status())
                .isEqualTo(200);
        return browser;
    }

    private JsonNode codeFlowTokens(ApiClient browser) {
        return codeFlowTokens(browser, "bc", secret);
    }

    private JsonNode codeFlowTokens(ApiClient browser, String clientId, String clientSecret) {
        String location = browser.get("/oauth2/authorize?client_id=" + clientId + "&redirect_uri="
                        + REDIRECT.replace(":", "%3A").replace("/", "%2F")
                        + "&response_type=code&scope=openid&code_challenge=" + Pkce.challengeOf(VERIFIER)
                        + "&code_challenge_method=S256")
                .header("Location")
                .orElseThrow();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        ApiClient.Response tokens = new ApiClient(server.baseUri(), "")
                .form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", REDIRECT,
                                "code_verifier", VERIFIER),
                        "Authorization",
                        TokenTestBase.basic(clientId, clientSecret));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }
}
