package dev.gatehouse.server.cluster;

import static dev.gatehouse.server.cluster.ClusterIT.PASSWORD;
import static dev.gatehouse.server.cluster.ClusterIT.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.GatehouseCluster;
import dev.gatehouse.server.app.RateLimitWindow;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.RedisServer;
import dev.gatehouse.testservices.TestDatabase;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Attack class: spreading guesses over nodes. Three nodes sharing Redis enforce one limit, not three. */
class ClusterLimitsIT {

    @Test
    void threeNodesEnforceOneLoginLimitAndOneLockOut() throws Exception {
        try (TestDatabase database = PostgresServer.shared().createDatabase();
                GatehouseCluster cluster = GatehouseCluster.start(
                        3,
                        database.url(),
                        Optional.of(RedisServer.shared().url()),
                        Map.of(
                                "GATEHOUSE_RATE_LIMITS", "on",
                                "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "1000/1m",
                                "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "6/1m",
                                "GATEHOUSE_LOCKOUT_THRESHOLD", "3"))) {
            String limited = newAccount(cluster.client(0));
            RateLimitWindow.awaitRoomInTheCurrentMinute();
            for (int i = 0; i < 6; i++) {
                assertThat(cluster.client(i % 3).login(limited, PASSWORD).status())
                        .isEqualTo(200);
            }
            assertThat(cluster.client(0).login(limited, PASSWORD).status()).isEqualTo(429);
            assertThat(cluster.client(1).login(limited, PASSWORD).status()).isEqualTo(429);

            String guessed = newAccount(cluster.client(0));
            for (int node = 0; node < 3; node++) {
                assertThat(cluster.client(node)
                                .login(guessed, "wrong guess on node " + node)
                                .status())
                        .isEqualTo(401);
            }
            for (int node = 0; node < 3; node++) {
                assertThat(cluster.client(node).login(guessed, PASSWORD).status())
                        .as("locked on node %d too", node)
                        .isEqualTo(429);
            }
        }
    }
}
