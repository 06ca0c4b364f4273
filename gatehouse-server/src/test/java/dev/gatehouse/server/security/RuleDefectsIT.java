package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.server.app.RateLimitWindow;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule defects found when Gatehouse was tried from outside (issue 11), each as an attacker or an
 * unlucky user met it, over plain HTTP: a scope nobody granted, introspection that told strangers too
 * much, a lock-out anyone could keep up, a deleted client whose logins lived on, an unlock that did
 * not let the owner in, limits that punished a NAT, and an app login listed as ending in 8 hours.
 */
class RuleDefectsIT {
    static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;
    static String adminEmail;
    static String billingSecret;
    static String ordersSecret;
    static String shippingSecret;

    @BeforeAll
    static void start() {
        server = RunningGatehouse.start(
                dataDirectory,
                Map.of(
                        "GATEHOUSE_RATE_LIMITS", "on",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "1000/1m",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "6/1m",
                        "GATEHOUSE_LOCKOUT_THRESHOLD", "3",
                        "GATEHOUSE_REFRESH_LIMIT_PER_FAMILY", "3/1m",
                        "GATEHOUSE_INTROSPECTION_LIMIT_PER_CLIENT", "20/1m"));
        var gatehouse = server.gatehouse();
        adminEmail = "admin-" + UUID.randomUUID() + "@example.com";
        gatehouse.accounts().signUp(adminEmail, new Password(PASSWORD), Role.ADMIN);
        gatehouse
                .clients()
                .create(
                        new ClientId("mobile"),
                        ClientType.FIRST_PARTY,
                        Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE),
                        List.of("orders-api"));
        billingSecret = secret(gatehouse
                .clients()
                .create(
                        new ClientId("billing"),
                        ClientType.CONFIDENTIAL,
                        Set.of(GrantType.CLIENT_CREDENTIALS),
                        List.of("orders-api")));
        ordersSecret = secret(gatehouse
                .clients()
                .create(new ClientId("orders"), ClientType.RESOURCE_SERVER, Set.of(), List.of("orders-api")));
        shippingSecret = secret(gatehouse
                .clients()
                .create(
                        new ClientId("shipping"),
                        ClientType.RESOURCE_SERVER,
                        new NewClientSettings(Set.of(), List.of("shipping-api"), Set.of(), true)));
    }

    private static String secret(java.util.Optional<dev.gatehouse.core.client.NewClient> created) {
        return created.orElseThrow().secret().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    static String newAccount() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode tokenLogin(String email) {
        ApiClient.Response response =
                client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "mobile"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static ApiClient.Response introspect(String token, String clientId, String secret) {
        return client().form("/oauth2/introspect", Map.of("token", token), "Authorization", basic(clientId, secret));
    }

    static ApiClient.Response refresh(String refreshToken, String... headers) {
        return client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "refresh_token", "client_id", "mobile", "refresh_token", refreshToken),
                        headers);
    }

    /** The account's id, as an administrator finds it. */
    static String userId(ApiClient admin, String email) {
        return admin.get("/admin/v1/users?query=" + email)
                .json()
                .get("users")
                .get(0)
                .get("id")
                .asText();
    }

    static ApiClient admin() {
        ApiClient admin = client();
        assertThat(admin.login(adminEmail, PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    @Test
    void aPlainUsersTokenExchangeCannotCarryTheAdminScope() {
        ApiClient browser = client();
        browser.login(newAccount(), PASSWORD);

        ApiClient.Response exchange = browser.form(
                "/oauth2/token",
                Map.of(
                        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                        "client_id", "mobile",
                        "subject_token_type", "urn:gatehouse:params:oauth:token-type:session",
                        "scope", "admin"));

        assertThat(exchange.status()).as(exchange.body()).isEqualTo(400);
        assertThat(exchange.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void clientCredentialsCannotCarryTheAdminScope() {
        ApiClient.Response token = client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "client_credentials", "scope", "orders:read admin"),
                        "Authorization",
                        basic("billing", billingSecret));

        assertThat(token.status()).as(token.body()).isEqualTo(400);
        assertThat(token.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void introspectionTellsEachClientOnlyWhatIsItsOwn() {
        JsonNode app = tokenLogin(newAccount());
        String access = app.get("access_token").asText();
        String refreshToken = app.get("refresh_token").asText();
        ApiClient browser = client();
        browser.login(newAccount(), PASSWORD);
        String cookie = browser.cookie().orElseThrow();

        assertThat(introspect(access, "orders", ordersSecret)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        for (String token : List.of(access, refreshToken, cookie)) {
            assertThat(introspect(token, "billing", billingSecret).body()).isEqualTo("{\"active\":false}");
        }
        assertThat(introspect(refreshToken, "orders", ordersSecret).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect(cookie, "orders", ordersSecret).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect(access, "shipping", shippingSecret).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect(cookie, "shipping", shippingSecret)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void strangersGuessingCannotKeepTheOwnerOfABrowserThatSignedInBefore() {
        String email = newAccount();
        ApiClient owner = client();
        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(200);
        assertThat(owner.deviceCookie()).isPresent();
        ApiClient stranger = client();
        for (int i = 0; i < 5; i++) {
            stranger.login(email, "a wrong guess " + i);
        }
        assertThat(stranger.login(email, PASSWORD).status()).isEqualTo(429);

        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void strangersGuessingCannotKeepOutAnAppThatSignedInBefore() {
        String email = newAccount();
        String device = tokenLogin(email).get("device_token").asText();
        ApiClient stranger = client();
        for (int i = 0; i < 5; i++) {
            stranger.login(email, "a wrong guess " + i);
        }

        ApiClient.Response withDevice = client().post(
                        "/v1/tokens",
                        Map.of("email", email, "password", PASSWORD, "client_id", "mobile", "device_token", device));
        ApiClient.Response withoutDevice =
                client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "mobile"));

        assertThat(withDevice.status()).as(withDevice.body()).isEqualTo(200);
        assertThat(withoutDevice.status()).isEqualTo(429);
    }

    @Test
    void anAdminUnlockLetsTheOwnerStraightBackIn() {
        String email = newAccount();
        ApiClient owner = client();
        for (int i = 0; i < 6; i++) {
            owner.login(email, "a wrong guess " + i);
        }
        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(429);
        ApiClient admin = admin();
        String id = userId(admin, email);

        assertThat(admin.post("/admin/v1/users/" + id + "/lock", Map.of()).status())
                .isEqualTo(200);
        assertThat(admin.post("/admin/v1/users/" + id + "/unlock", Map.of()).status())
                .isEqualTo(200);

        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void deletingAClientEndsItsLoginsAndARecreatedClientInheritsNone() {
        var clients = server.gatehouse().clients();
        clients.create(
                new ClientId("kiosk"),
                ClientType.FIRST_PARTY,
                Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                List.of("orders-api"));
        JsonNode app = client().post(
                        "/v1/tokens", Map.of("email", newAccount(), "password", PASSWORD, "client_id", "kiosk"))
                .json();

        assertThat(admin().delete("/admin/v1/clients/kiosk").status()).isEqualTo(204);

        assertThat(introspect(app.get("access_token").asText(), "orders", ordersSecret)
                        .body())
                .isEqualTo("{\"active\":false}");
        clients.create(
                new ClientId("kiosk"), ClientType.FIRST_PARTY, Set.of(GrantType.REFRESH_TOKEN), List.of("evil-api"));
        ApiClient.Response revived = client().form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type", "refresh_token",
                                "client_id", "kiosk",
                                "refresh_token", app.get("refresh_token").asText()));
        assertThat(revived.status()).isEqualTo(400);
        assertThat(revived.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void deletingAResourceServerClosesItsOpenRevocationStream() throws Exception {
        String secret = secret(server.gatehouse()
                .clients()
                .create(new ClientId("reporting"), ClientType.RESOURCE_SERVER, Set.of(), List.of()));
        CompletableFuture<Long> ended = openRevocationStream("reporting", secret);

        assertThat(admin().delete("/admin/v1/clients/reporting").status()).isEqualTo(204);

        assertThat(ended.get(5, TimeUnit.SECONDS)).isPositive();
    }

    /** Opens the feed's stream as {@code client}; completes with the lines read once the stream ends. */
    private CompletableFuture<Long> openRevocationStream(String client, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("/v1/revocations/stream"))
                .header("Authorization", basic(client, secret))
                .build();
        HttpResponse<Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return CompletableFuture.supplyAsync(() -> {
            try (Stream<String> lines = response.body()) {
                return lines.count();
            }
        });
    }

    /**
     * A client deleted and registered again under the same id is another client: the old one's stream
     * ends. The check for it (by registration time) had been left uncalled, the stream asking only
     * whether the id still existed (a re-attack found the method unused).
     */
    @Test
    void aStreamEndsWhenItsClientIsDeletedAndRegisteredAgainUnderTheSameId() throws Exception {
        ClientId id = new ClientId("reporting-again");
        String secret =
                secret(server.gatehouse().clients().create(id, ClientType.RESOURCE_SERVER, Set.of(), List.of()));
        CompletableFuture<Long> ended = openRevocationStream(id.value(), secret);

        // Deleted and registered again before the stream looks (the store's own delete wakes no stream),
        // then woken: it must see another client under its id, not merely that the id exists.
        server.gatehouse().clients().delete(id);
        server.gatehouse().clients().create(id, ClientType.RESOURCE_SERVER, Set.of(), List.of());
        server.gatehouse().revocationFeed().entriesArrived();

        assertThat(ended.get(5, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void refreshIsLimitedPerLoginNotPerAddress() {
        RateLimitWindow.awaitRoomInTheCurrentMinute();
        String email = newAccount();
        String looping = tokenLogin(email).get("refresh_token").asText();
        String neighbour = tokenLogin(newAccount()).get("refresh_token").asText();
        for (int i = 0; i < 3; i++) {
            ApiClient.Response rotated = refresh(looping);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            looping = rotated.json().get("refresh_token").asText();
        }

        assertThat(refresh(looping).status()).isEqualTo(429);
        assertThat(refresh(neighbour).status()).isEqualTo(200);
    }

    /** Before the fix an unlock cleared the lock-out but not the account's login window. */
    @Test
    void anAdminUnlockAlsoForgivesTheAccountsFullLoginWindow(@TempDir Path ownDirectory) {
        try (RunningGatehouse own = RunningGatehouse.start(
                ownDirectory,
                Map.of(
                        "GATEHOUSE_RATE_LIMITS", "on",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "1000/1m",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "6/1m",
                        "GATEHOUSE_LOCKOUT_THRESHOLD", "10"))) {
            own.gatehouse().accounts().signUp("dora@example.com", new Password(PASSWORD), Role.USER);
            own.gatehouse().accounts().signUp("root@example.com", new Password(PASSWORD), Role.ADMIN);
            ApiClient owner = new ApiClient(own.baseUri(), RunningGatehouse.ISSUER);
            RateLimitWindow.awaitRoomInTheCurrentMinute();
            for (int i = 0; i < 6; i++) {
                owner.login("dora@example.com", "a wrong guess " + i);
            }
            assertThat(owner.login("dora@example.com", PASSWORD).status()).isEqualTo(429);
            ApiClient admin = new ApiClient(own.baseUri(), RunningGatehouse.ISSUER);
            assertThat(admin.login("root@example.com", PASSWORD).status()).isEqualTo(200);
            String id = userId(admin, "dora@example.com");

            assertThat(admin.post("/admin/v1/users/" + id + "/unlock", Map.of()).status())
                    .isEqualTo(200);

            assertThat(owner.login("dora@example.com", PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void anAdminUnlockAlsoLiftsTheLockOfTheOwnersOwnBrowser() {
        String email = newAccount();
        ApiClient owner = client();
        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            owner.login(email, "a typo " + i);
        }
        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(429);
        ApiClient admin = admin();
        String id = userId(admin, email);

        assertThat(admin.post("/admin/v1/users/" + id + "/unlock", Map.of()).status())
                .isEqualTo(200);

        assertThat(owner.login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aDeletedClientsOwnTokensDieWithItAtGatehouse() {
        var clients = server.gatehouse().clients();
        String secret = secret(clients.create(
                new ClientId("reports"),
                ClientType.CONFIDENTIAL,
                Set.of(GrantType.CLIENT_CREDENTIALS),
                List.of("orders-api")));
        String token = client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "client_credentials"),
                        "Authorization",
                        basic("reports", secret))
                .json()
                .get("access_token")
                .asText();
        assertThat(introspect(token, "orders", ordersSecret)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();

        assertThat(admin().delete("/admin/v1/clients/reports").status()).isEqualTo(204);

        assertThat(introspect(token, "orders", ordersSecret).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void anAddressWhoseAccentComposesOnlyOnceLowerCasedIsAnsweredNotCrashedOn() {
        ApiClient.Response login = client().post(
                        "/v1/sessions", Map.of("email", "W\u030aada@example.com", "password", "whatever password 1"));
        ApiClient.Response signUp = client().signUp("W\u030abob@example.com", PASSWORD);

        assertThat(login.status()).as(login.body()).isEqualTo(401);
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(202);
    }

    @Test
    void introspectionIsLimitedPerClientNotPerAddress() {
        String gateway = secret(server.gatehouse()
                .clients()
                .create(new ClientId("gateway"), ClientType.RESOURCE_SERVER, Set.of(), List.of("orders-api")));
        RateLimitWindow.awaitRoomInTheCurrentMinute();
        for (int i = 0; i < 20; i++) {
            assertThat(introspect("token-" + i, "gateway", gateway).status()).isEqualTo(200);
        }

        assertThat(introspect("one-more", "gateway", gateway).status()).isEqualTo(429);
        assertThat(introspect("from-the-same-address", "orders", ordersSecret).status())
                .isEqualTo(200);
    }

    @Test
    void theSessionListGivesAnAppLoginItsOwnLifetime() {
        String email = newAccount();
        tokenLogin(email);
        ApiClient browser = client();
        browser.login(email, PASSWORD);

        JsonNode sessions = browser.get("/v1/sessions").json().get("sessions");
        Instant latest = Instant.EPOCH;
        for (JsonNode session : sessions) {
            Instant expires = Instant.parse(session.get("expires_at").asText());
            latest = expires.isAfter(latest) ? expires : latest;
        }

        assertThat(sessions).hasSize(2);
        assertThat(Duration.between(Instant.now(), latest)).isGreaterThan(Duration.ofDays(1));
    }
}
