package dev.gatehouse.server.cluster;

import static dev.gatehouse.server.cluster.ClusterIT.PASSWORD;
import static dev.gatehouse.server.cluster.ClusterIT.awaitTrue;
import static dev.gatehouse.server.cluster.ClusterIT.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.GatehouseCluster;
import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.RedisServer;
import dev.gatehouse.testservices.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The failure table of docs/many-nodes.md, proved on servers these tests start themselves (and so
 * may stop): Redis away costs latency, never a revocation; PostgreSQL away is a prompt 503 and a
 * recovery without restarting a node.
 */
class ClusterFailureIT {

    @Test
    void withRedisStoppedRevocationsStillReachEveryNodeAndTheNodesCatchUpWhenItReturns() throws Exception {
        try (RedisServer redis = RedisServer.startOwn();
                TestDatabase database = PostgresServer.shared().createDatabase();
                GatehouseCluster cluster = GatehouseCluster.start(2, database.url(), Optional.of(redis.url()))) {
            awaitTrue(
                    () -> redisState(cluster, 0).equals("UP")
                            && redisState(cluster, 1).equals("UP"),
                    Duration.ofSeconds(10));

            redis.stop();
            awaitTrue(
                    () -> redisState(cluster, 0).startsWith("DOWN")
                            && redisState(cluster, 1).startsWith("DOWN"),
                    Duration.ofSeconds(10));
            assertThat(cluster.client(0).get("/health/ready").status())
                    .as("Redis is optional")
                    .isEqualTo(200);
            assertRevocationOnNodeZeroReachesNodeOneWithin(cluster, Duration.ofSeconds(1));

            redis.start();
            awaitTrue(
                    () -> redisState(cluster, 0).equals("UP")
                            && redisState(cluster, 1).equals("UP"),
                    Duration.ofSeconds(15));
            assertRevocationOnNodeZeroReachesNodeOneWithin(cluster, Duration.ofSeconds(1));
        }
    }

    @Test
    void withPostgresStoppedNodesAreNotReadyAnswer503PromptlyAndRecoverByThemselves() throws Exception {
        try (PostgresServer postgres = PostgresServer.startOwn();
                TestDatabase database = postgres.createDatabase();
                GatehouseCluster cluster = GatehouseCluster.start(2, database.url(), Optional.empty())) {
            String email = newAccount(cluster.client(0));
            assertThat(cluster.client(1).login(email, PASSWORD).status()).isEqualTo(200);
            // Without Redis the node works, and says what that costs: in its log and its readiness.
            assertThat(cluster.client(0)
                            .get("/health/ready")
                            .json()
                            .get("checks")
                            .get("redis")
                            .asText())
                    .startsWith("NOT CONFIGURED");
            assertThat(String.join("\n", cluster.output(0))).contains("no GATEHOUSE_REDIS_URL");

            postgres.stop();

            for (int node = 0; node < 2; node++) {
                ApiClient client = cluster.client(node);
                long before = System.nanoTime();
                ApiClient.Response ready = client.get("/health/ready");
                ApiClient.Response login = client.login(email, PASSWORD);
                Duration took = Duration.ofNanos(System.nanoTime() - before);

                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("checks").get("store").asText()).isEqualTo("DOWN");
                assertThat(login.status()).as(login.body()).isEqualTo(503);
                assertThat(login.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:service-unavailable");
                assertThat(login.body()).doesNotContain("SQL", "Hikari", "Exception", "postgres");
                assertThat(took)
                        .as("bounded by the pool's 3 s wait, not a hang")
                        .isLessThan(Duration.ofSeconds(15));
                assertThat(client.get("/health/live").status()).isEqualTo(200);
            }

            postgres.start();

            for (int node = 0; node < 2; node++) {
                ApiClient client = cluster.client(node);
                awaitTrue(() -> client.get("/health/ready").status() == 200, Duration.ofSeconds(30));
                assertThat(client.login(email, PASSWORD).status()).isEqualTo(200);
                assertThat(client.get("/v1/me").status()).isEqualTo(200);
            }
        }
    }

    private static void assertRevocationOnNodeZeroReachesNodeOneWithin(GatehouseCluster cluster, Duration bound)
            throws Exception {
        String email = newAccount(cluster.client(0));
        ApiClient onA = cluster.client(0);
        assertThat(onA.login(email, PASSWORD).status()).isEqualTo(200);
        ApiClient onB = cluster.client(1);
        onB.useCookie(onA.cookie().orElseThrow());
        assertThat(onB.get("/v1/me").status()).isEqualTo(200); // cached on B

        assertThat(onA.delete("/v1/sessions/current").status()).isEqualTo(204);
        long revokedAt = System.nanoTime();

        awaitTrue(() -> onB.get("/v1/me").status() == 401, bound);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(bound);
    }

    private static String redisState(GatehouseCluster cluster, int node) {
        return cluster.client(node)
                .get("/health/ready")
                .json()
                .get("checks")
                .get("redis")
                .asText();
    }
}
