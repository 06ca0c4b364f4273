package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token login stores its session, its refresh family and its audit event in one transaction of the
 * real embedded store: when the family cannot be stored, neither is the session nor the event, so no
 * session exists that no token can ever refresh or end by its family, and no login is recorded that
 * did not happen.
 */
class TokenLoginAtomicityIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final String EMAIL = "ada@example.com";

    @TempDir
    Path dataDirectory;

    @Test
    void aTokenLoginWhoseRefreshFamilyFailsLeavesNoSessionAndNoLoginEvent() throws SQLException {
        try (RunningGatehouse server = RunningGatehouse.start(dataDirectory, Map.of())) {
            server.registerFirstPartyApp("mobile");
            ApiClient client = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
            assertThat(client.signUp(EMAIL, PASSWORD).status()).isEqualTo(202);
            Map<String, String> login = Map.of("email", EMAIL, "password", PASSWORD, "client_id", "mobile");

            try (Connection db =
                    DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve(SqliteDatabase.FILE_NAME))) {
                // A second connection to the live file, as an operator's sqlite3 would be: the trigger makes
                // every refresh family insert fail, whichever connection makes it.
                execute(
                        db,
                        "CREATE TRIGGER refuse_families BEFORE INSERT ON refresh_families"
                                + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");

                ApiClient.Response refused = client.post("/v1/tokens", login);
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).doesNotContain("refused by the test", "SQL");
                assertThat(count(db, "SELECT count(*) FROM sessions")).isZero();
                assertThat(count(db, "SELECT count(*) FROM audit_events WHERE type = 'LOGIN_SUCCEEDED'"))
                        .isZero();

                execute(db, "DROP TRIGGER refuse_families");
                ApiClient.Response signedIn = client.post("/v1/tokens", login);
                assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
                assertThat(count(db, "SELECT count(*) FROM sessions")).isEqualTo(1);
                assertThat(count(db, "SELECT count(*) FROM refresh_families")).isEqualTo(1);
                assertThat(count(db, "SELECT count(*) FROM audit_events WHERE type = 'LOGIN_SUCCEEDED'"))
                        .isEqualTo(1);
            }
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
