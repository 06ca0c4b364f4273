package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.app.GatehouseCluster;
import dev.gatehouse.server.app.GatehouseProcess;
import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testkit.Await;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.RedisServer;
import dev.gatehouse.testservices.TestDatabase;
import dev.gatehouse.verifier.GatehouseVerifier;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes as separate JVMs on one PostgreSQL database and one Redis: no sticky sessions, one
 * truth, revocations everywhere within a second.
 */
class ClusterIT {
    static final String PASSWORD = "purple elephants dance quietly";

    private static TestDatabase database;
    private static GatehouseCluster cluster;
    private static String ordersSecret;

    @BeforeAll
    static void startCluster() throws Exception {
        database = PostgresServer.shared().createDatabase();
        cluster = GatehouseCluster.start(
                3, database.url(), Optional.of(RedisServer.shared().url()));
        ordersSecret = registerClients(cluster);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        database.close();
    }

    /** The first-party app and the "orders" resource server, created with the CLI on the shared database. */
    static String registerClients(GatehouseCluster cluster) throws Exception {
        GatehouseProcess.Result app =
                cluster.cli("clients", "create", "--id", "mobile", "--type", "first-party", "--audience", "orders-api");
        assertThat(app.exitCode()).as(app.output()).isZero();
        GatehouseProcess.Result orders =
                cluster.cli("clients", "create", "--id", "orders", "--type", "resource-server");
        assertThat(orders.exitCode()).as(orders.output()).isZero();
        return orders.output()
                .lines()
                .filter(line -> line.startsWith("client_secret: "))
                .map(line -> line.substring("client_secret: ".length()).strip())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aLoginOnOneNodeIsUsableOnAnotherAndARevocationOnAThirdEndsItEverywhereWithinASecond() throws Exception {
        String email = newAccount(cluster.client(0));
        ApiClient browserOnA = cluster.client(0);
        assertThat(browserOnA.login(email, PASSWORD).status()).isEqualTo(200);
        ApiClient browserOnB = cluster.client(1);
        browserOnB.useCookie(browserOnA.cookie().orElseThrow());
        assertThat(browserOnB.get("/v1/me").status()).isEqualTo(200);
        assertThat(browserOnA.get("/v1/me").status()).isEqualTo(200); // now cached on A too
        String accessToken =
                tokenLogin(cluster.client(1), email).get("access_token").asText();
        assertThat(cluster.client(0).getWithBearer("/v1/me", accessToken).status())
                .isEqualTo(200);

        try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                .issuer(URI.create(cluster.issuer()))
                .audience("orders-api")
                .revocationFeedCredentials("orders", ordersSecret)
                .allowInsecureHttpForLocalDevelopment()
                .build()) {
            assertThat(verifier.verify(accessToken).isVerified()).isTrue();
            awaitTrue(() -> verifier.feedStatus().orElseThrow().streaming(), Duration.ofSeconds(10));

            ApiClient browserOnC = cluster.client(2);
            assertThat(browserOnC.login(email, PASSWORD).status()).isEqualTo(200);
            assertThat(browserOnC.delete("/v1/sessions").status()).isEqualTo(200); // log out everywhere
            long revokedAt = System.nanoTime();

            awaitTrue(
                    () -> browserOnA.get("/v1/me").status() == 401
                            && browserOnB.get("/v1/me").status() == 401
                            && cluster.client(0)
                                            .getWithBearer("/v1/me", accessToken)
                                            .status()
                                    == 401
                            && !verifier.verify(accessToken).isVerified(),
                    Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void migrateBringsTheSharedSchemaUpToDateAndANodeWithAnotherMasterKeyRefusesToStart() throws Exception {
        GatehouseProcess.Result migrate = cluster.cli("migrate");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("Schema up to date: PostgreSQL at jdbc:postgresql://");

        byte[] other = new byte[32];
        new java.security.SecureRandom().nextBytes(other);
        GatehouseProcess.Result wrongKey = cluster.cli(
                Map.of("GATEHOUSE_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(other)), "keys", "list");

        assertThat(wrongKey.exitCode()).isNotZero();
        assertThat(wrongKey.output()).containsIgnoringCase("master key").doesNotContain("Exception");
    }

    @Test
    void concurrentRefreshesOfOneTokenOnTwoNodesYieldExactlyOneSuccessor() throws Exception {
        String email = newAccount(cluster.client(0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String refreshToken = tokenLogin(cluster.client(0), email)
                        .get("refresh_token")
                        .asText();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ApiClient.Response>> answers = List.of(0, 1).stream()
                        .map(node -> pool.submit(() -> {
                            start.await();
                            return refresh(cluster.client(node), refreshToken);
                        }))
                        .toList();
                start.countDown();
                Set<String> successors = new HashSet<>();
                for (Future<ApiClient.Response> answer : answers) {
                    ApiClient.Response response = answer.get();
                    if (response.status() == 200) {
                        successors.add(response.json().get("refresh_token").asText());
                    } else {
                        assertThat(response.status()).as(response.body()).isEqualTo(400);
                    }
                }
                // Within the grace both may succeed, but with the very same successor: one, never two.
                assertThat(successors).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNodeKilledMidTrafficLosesNothingAcknowledgedAndClientsRetryElsewhere() throws Exception {
        String email = newAccount(cluster.client(0));
        Map<String, String> acknowledgedCookies = new java.util.LinkedHashMap<>();
        Set<String> revokedCookies = new HashSet<>();
        String refreshToken =
                tokenLogin(cluster.client(2), email).get("refresh_token").asText();
        int retriedElsewhere = 0;
        // Killed once traffic to it is under way, not after a fixed wait that a slow machine outlasts.
        CountDownLatch underWay = new CountDownLatch(10);
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                underWay.await();
                cluster.kill(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int node = 2;
        for (int i = 0; i < 40; i++) {
            ApiClient browser = cluster.client(node);
            try {
                ApiClient.Response login = browser.login(email, PASSWORD);
                assertThat(login.status()).isEqualTo(200);
                String cookie = browser.cookie().orElseThrow();
                acknowledgedCookies.put(
                        cookie, login.json().get("session").get("id").asText());
                if (i % 5 == 4) {
                    assertThat(browser.delete("/v1/sessions/current").status()).isEqualTo(204);
                    revokedCookies.add(cookie);
                }
                ApiClient.Response refreshed = refresh(cluster.client(node), refreshToken);
                assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
                refreshToken = refreshed.json().get("refresh_token").asText();
                underWay.countDown();
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof java.io.IOException) || node != 2) {
                    throw e;
                }
                node = 0; // the load balancer's retry: the same request, another node
                retriedElsewhere++;
                i--;
            }
        }
        killer.join();

        assertThat(retriedElsewhere).as("the kill happened mid-traffic").isEqualTo(1);
        ApiClient survivor = cluster.client(1);
        for (String cookie : acknowledgedCookies.keySet()) {
            survivor.useCookie(cookie);
            assertThat(survivor.get("/v1/me").status())
                    .as("session %s", acknowledgedCookies.get(cookie))
                    .isEqualTo(revokedCookies.contains(cookie) ? 401 : 200);
        }
        assertThat(refresh(cluster.client(1), refreshToken).status()).isEqualTo(200);
        cluster.restart(2);
        assertThat(cluster.client(2).get("/health/ready").status()).isEqualTo(200);
    }

    static String newAccount(ApiClient client) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    static JsonNode tokenLogin(ApiClient client, String email) {
        ApiClient.Response response =
                client.post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "mobile"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static ApiClient.Response refresh(ApiClient client, String refreshToken) {
        return client.form(
                "/oauth2/token",
                Map.of("grant_type", "refresh_token", "client_id", "mobile", "refresh_token", refreshToken));
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        Await.until("the condition", timeout, condition);
    }
}
