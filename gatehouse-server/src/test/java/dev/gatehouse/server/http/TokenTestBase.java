package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a clock the test moves, with a first-party app ({@code mobile}), a confidential
 * service ({@code billing}) and a resource server ({@code orders}) registered.
 */
abstract class TokenTestBase extends ApiTestBase {
    static final String ISSUER = RunningGatehouse.ISSUER;
    static final String APP = "mobile";

    @TempDir
    static Path tokenDataDirectory;

    static TestClock clock;
    static String billingSecret;
    static String ordersSecret;

    @BeforeAll
    static void startTokenServer() {
        // Replace the plain server of ApiTestBase with one on a test clock.
        server.close();
        clock = new TestClock(Instant.now());
        server = RunningGatehouse.start(tokenDataDirectory, Map.of(), clock);
        var clients = server.gatehouse().clients();
        clients.create(
                new ClientId(APP),
                ClientType.FIRST_PARTY,
                Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE),
                List.of("orders-api"));
        clients.create(
                new ClientId("web"),
                ClientType.FIRST_PARTY,
                Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                List.of());
        billingSecret = clients.create(
                        new ClientId("billing"),
                        ClientType.CONFIDENTIAL,
                        Set.of(GrantType.CLIENT_CREDENTIALS),
                        List.of("orders-api"))
                .orElseThrow()
                .secret()
                .orElseThrow();
        // The orders API serves orders-api tokens and, like an admin panel, checks cookie sessions.
        ordersSecret = server.registerResourceServer("orders", "orders-api");
    }

    @AfterAll
    static void stopTokenServer() {
        // ApiTestBase closes `server`.
    }

    /** A token login of a new account with the first-party app; returns the token response. */
    static JsonNode tokenLogin(String email) {
        ApiClient.Response response =
                client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", APP));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode tokenLogin() {
        return tokenLogin(newAccount());
    }

    static ApiClient.Response refresh(String refreshToken) {
        return client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "refresh_token", "client_id", APP, "refresh_token", refreshToken));
    }

    static ApiClient.Response me(String accessToken) {
        return client().getWithBearer("/v1/me", accessToken);
    }

    static String basic(String id, String secret) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((id + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ApiClient.Response introspect(String token) {
        return client().form(
                        "/oauth2/introspect", Map.of("token", token), "Authorization", basic("orders", ordersSecret));
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }
}
