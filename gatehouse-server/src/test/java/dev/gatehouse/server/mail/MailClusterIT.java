package dev.gatehouse.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.GatehouseCluster;
import dev.gatehouse.testkit.Await;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one PostgreSQL database all run the outbox worker; each mail is claimed by one of
 * them ({@code FOR UPDATE SKIP LOCKED}) and arrives exactly once.
 */
class MailClusterIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final int ACCOUNTS = 30;

    @Test
    void threeNodesSendEachMailOnce() throws Exception {
        try (TestMailServer mail = TestMailServer.plain();
                TestDatabase database = PostgresServer.shared().createDatabase();
                GatehouseCluster cluster = GatehouseCluster.start(
                        3,
                        database.url(),
                        Optional.empty(),
                        Map.of(
                                "GATEHOUSE_RATE_LIMITS", "off",
                                "GATEHOUSE_SMTP_URL", mail.url(),
                                "GATEHOUSE_SMTP_ALLOW_PLAINTEXT", "on"))) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String email = "node-user-" + i + "@example.com";
                addresses.add(email);
                // Each sign-up queues a confirmation mail; every node's worker competes for the rows.
                assertThat(cluster.client(i % cluster.size())
                                .signUp(email, PASSWORD)
                                .status())
                        .isEqualTo(202);
            }

            Await.until(
                    "every confirmation mail",
                    Duration.ofSeconds(60),
                    () -> mail.received().size() >= ACCOUNTS);
            // A row goes only after its mail was sent: an empty outbox means no node is still sending.
            Await.until("an empty outbox", Duration.ofSeconds(30), () -> pending(database) == 0);

            List<MimeMessage> received = mail.received();
            assertThat(received).hasSize(ACCOUNTS);
            Set<String> recipients =
                    received.stream().map(TestMailServer::recipient).collect(Collectors.toSet());
            assertThat(recipients).containsExactlyInAnyOrderElementsOf(addresses);
        }
    }

    private static long pending(TestDatabase database) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM mail_outbox")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
