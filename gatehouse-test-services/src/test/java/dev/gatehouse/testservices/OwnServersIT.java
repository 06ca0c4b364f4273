package dev.gatehouse.testservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixtures the failure tests rely on: servers of their own that stop and come back. */
class OwnServersIT {
    @Test
    void anOwnPostgresStopsAndStartsAgainWithItsData() throws Exception {
        try (PostgresServer server = PostgresServer.startOwn()) {
            TestDatabase database = server.createDatabase();
            try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)");
            }

            server.stop();
            assertThat(server.answers()).isFalse();
            server.start();

            assertThat(server.answers()).isTrue();
            try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void anOwnRedisStopsAndStarts() {
        try (RedisServer server = RedisServer.startOwn()) {
            assertThat(Ports.listening("127.0.0.1", server.port())).isTrue();
            server.stop();
            assertThat(Ports.listening("127.0.0.1", server.port())).isFalse();
            server.start();
            assertThat(Ports.listening("127.0.0.1", server.port())).isTrue();
        }
    }

    @Test
    void theSharedServersAnswer() {
        assertThat(PostgresServer.shared().answers()).isTrue();
        assertThat(Ports.listening("127.0.0.1", RedisServer.shared().port())).isTrue();
    }
}
