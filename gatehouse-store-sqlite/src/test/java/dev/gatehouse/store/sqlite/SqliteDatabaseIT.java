package dev.gatehouse.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.GatehouseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseIT {
    @TempDir
    Path parent;

    @Test
    void createsAPrivateDataDirectoryWithAWalModeDatabase() throws Exception {
        Path dataDirectory = parent.resolve("gatehouse-data");

        try (SqliteDatabase database = SqliteDatabase.open(dataDirectory)) {
            assertThat(database.isReachable()).isTrue();
            assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(database, "synchronous")).isEqualTo("2"); // FULL
            assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
            try (Connection c = database.dataSource().getConnection()) {
                assertThat(c.unwrap(org.sqlite.SQLiteConnection.class)
                                .getConnectionConfig()
                                .isGetGeneratedKeys())
                        .as("no extra SELECT after every INSERT")
                        .isFalse();
            }
        }
        assertThat(Files.exists(dataDirectory.resolve(SqliteDatabase.FILE_NAME)))
                .isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory)))
                .isEqualTo("rwx------");
    }

    /** A directory made 0755 by a package or an operator must not make the database world-readable. */
    @Test
    void keepsEveryFileOwnerOnlyInAnExistingOpenDirectory() throws Exception {
        Path dataDirectory = Files.createDirectory(
                parent.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (SqliteDatabase database = SqliteDatabase.open(dataDirectory)) {
            database.accounts().anyAdmin(); // a read, so the WAL files exist
            for (String name : new String[] {SqliteDatabase.FILE_NAME, SqliteDatabase.FILE_NAME + "-wal"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory.resolve(name))))
                        .as(name)
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void tightensADatabaseFileThatOthersCouldRead() throws Exception {
        Path dataDirectory = parent.resolve("old");
        SqliteDatabase.open(dataDirectory).close();
        Path file = dataDirectory.resolve(SqliteDatabase.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SqliteDatabase.open(dataDirectory).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void appliesMigrationsOnceAndKeepsDataAcrossReopening() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(parent)) {
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO accounts (id, email, password_hash, role, locked, created_at) VALUES ('x', 'x@example.com', '$h', 'USER', 0, 0)");
            }
        }
        try (SqliteDatabase reopened = SqliteDatabase.open(parent)) {
            assertThat(reopened.accounts().anyAdmin()).isFalse();
            assertThat(reopened.accounts().list(0, 10)).hasSize(1);
            try (Connection c = reopened.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(10); // V1 to V10
            }
        }
    }

    /** A current database opens without Flyway; anything else still goes through it. */
    @Test
    void onlyADatabaseWithEveryShippedMigrationAppliedSkipsFlyway() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(parent)) {
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .isTrue();

            execute(database, "UPDATE flyway_schema_history SET success = 0 WHERE version = '10'");
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .as("the newest failed")
                    .isFalse();

            execute(database, "DELETE FROM flyway_schema_history WHERE version = '10'");
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .as("the newest pending")
                    .isFalse();
        }
        // Opened again, it goes to Flyway, which applies V10 again: here that fails, as its column is
        // still there, and the failure shows that Flyway ran rather than being skipped. The operator is
        // told why in the message itself, not only in a cause nobody prints.
        assertThatThrownBy(() -> SqliteDatabase.open(parent))
                .isInstanceOf(GatehouseException.class)
                .hasMessageContaining("cannot migrate")
                .hasMessageContaining("id_token_alg")
                .message()
                .doesNotContain("\n");

        try (SqliteDatabase database = SqliteDatabase.open(parent.resolve("fresh"))) {
            execute(
                    database,
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                            + " script, checksum, installed_by, execution_time, success)"
                            + " VALUES (99, '11', 'from a newer build', 'SQL', 'V11__newer.sql', 0, 'x', 0, 1)");
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .as("a migration newer than this build")
                    .isFalse();
        }
        // Histories an outside test made: the right count with a version that is not one of ours, and
        // every shipped one beside a failed repeatable row. Flyway refuses both; so must the fast path.
        try (SqliteDatabase database = SqliteDatabase.open(parent.resolve("renumbered"))) {
            execute(database, "UPDATE flyway_schema_history SET version = '9.1' WHERE version = '9'");
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .as("9.1 in place of 9")
                    .isFalse();
        }
        try (SqliteDatabase database = SqliteDatabase.open(parent.resolve("repeatable"))) {
            execute(
                    database,
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                            + " script, checksum, installed_by, execution_time, success)"
                            + " VALUES (99, NULL, 'repeatable', 'SQL', 'R__x.sql', 0, 'x', 0, 0)");
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .as("a failed row without a version")
                    .isFalse();
        }
        try (SqliteDatabase database = SqliteDatabase.open(parent.resolve("empty-history"))) {
            execute(database, "DROP TABLE flyway_schema_history");
            assertThat(SqliteDatabase.hasEveryShippedMigration(database.dataSource()))
                    .as("no history at all")
                    .isFalse();
        }
    }

    /** A file that is not a database is refused with what SQLite said, in one line. */
    @Test
    void refusesAFileThatIsNotADatabaseInOneLine() throws Exception {
        Path directory = Files.createDirectories(parent.resolve("not-a-database"));
        byte[] noise = new byte[5000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(directory.resolve(SqliteDatabase.FILE_NAME), noise);

        assertThatThrownBy(() -> SqliteDatabase.open(directory))
                .isInstanceOf(GatehouseException.class)
                .hasMessageContaining("cannot open the SQLite database at")
                .hasMessageContaining("not a database")
                .message()
                .doesNotContain("\n");
    }

    private static void execute(SqliteDatabase database, String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String pragma(SqliteDatabase database, String name) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
