package dev.gatehouse.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupIT {
    @TempDir
    Path parent;

    /**
     * A writer commits pairs of rows in one transaction each while the backup runs: the copy holds every
     * pair committed before it began, and never half of one (a consistent snapshot, not a torn copy).
     */
    @Test
    void copiesAConsistentSnapshotWhileAnotherConnectionKeepsWriting() throws Exception {
        Path data = parent.resolve("data");
        Path backup = parent.resolve("gatehouse-backup.db");
        try (SqliteDatabase database = SqliteDatabase.open(data)) {
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE pairs (n INTEGER NOT NULL, half INTEGER NOT NULL)");
            }
            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Connection c = database.dataSource().getConnection();
                        PreparedStatement insert = c.prepareStatement("INSERT INTO pairs (n, half) VALUES (?, ?)")) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        int n = committed.get();
                        for (int half = 0; half < 2; half++) {
                            insert.setInt(1, n);
                            insert.setInt(2, half);
                            insert.executeUpdate();
                        }
                        c.commit();
                        committed.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failure.set(e);
                }
            });
            Await.until("the writer has committed", Duration.ofSeconds(10), () -> committed.get() >= 50);
            int before = committed.get();

            SqliteBackup.Outcome outcome = SqliteBackup.write(data, backup, false);

            int after = committed.get();
            stop.set(true);
            writer.join();
            assertThat(failure.get()).isNull();
            assertThat(outcome).isInstanceOf(SqliteBackup.Outcome.Written.class);
            assertThat(after).as("writes went on during the backup").isGreaterThan(before);
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + backup);
                    Statement s = copy.createStatement();
                    ResultSet counts = s.executeQuery("SELECT count(*), count(DISTINCT n) FROM pairs")) {
                counts.next();
                int rows = counts.getInt(1);
                int pairs = counts.getInt(2);
                assertThat(rows).isEqualTo(2 * pairs);
                assertThat(pairs).isBetween(before, after);
            }
        }
        assertThat(SqliteBackup.integrityProblems(backup)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                .isEqualTo("rw-------");
        try (var files = Files.list(parent)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessAskedTo() throws Exception {
        Path data = parent.resolve("data");
        SqliteDatabase.open(data).close();
        Path existing = Files.writeString(parent.resolve("precious.db"), "not ours to overwrite");

        assertThat(SqliteBackup.write(data, existing, false))
                .isEqualTo(new SqliteBackup.Outcome.TargetExists(existing));
        assertThat(Files.readString(existing)).isEqualTo("not ours to overwrite");

        assertThat(SqliteBackup.write(data, existing, true)).isInstanceOf(SqliteBackup.Outcome.Written.class);
        assertThat(SqliteBackup.integrityProblems(existing)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)))
                .isEqualTo("rw-------");
    }

    /** The outside attack's worst find: `--to <the live gatehouse.db> --force` corrupted a serving store. */
    @Test
    void refusesTheLiveDatabaseAndItsJournalsEvenWhenForced() throws Exception {
        Path data = parent.resolve("data");
        try (SqliteDatabase open = SqliteDatabase.open(data)) {
            open.accounts().anyAdmin(); // the WAL files exist while it is open
            for (String name : new String[] {"gatehouse.db", "gatehouse.db-wal", "gatehouse.db-shm"}) {
                Path live = data.resolve(name);
                byte[] before = Files.readAllBytes(data.resolve("gatehouse.db"));

                assertThatThrownBy(() -> SqliteBackup.write(data, live, true))
                        .as(name)
                        .isInstanceOf(dev.gatehouse.core.GatehouseException.class)
                        .hasMessageContaining("live database");
                assertThat(Files.readAllBytes(data.resolve("gatehouse.db"))).isEqualTo(before);
            }
            // The same file under another name (a hard link) is the same file.
            Path alias = Files.createLink(parent.resolve("alias.db"), data.resolve("gatehouse.db"));
            assertThatThrownBy(() -> SqliteBackup.write(data, alias, true))
                    .isInstanceOf(dev.gatehouse.core.GatehouseException.class);
        }
    }

    @Test
    void neverRenamesOverSomethingThatIsNotARegularFile() throws Exception {
        Path data = parent.resolve("data");
        SqliteDatabase.open(data).close();
        Path directory = Files.createDirectory(parent.resolve("a-directory"));

        assertThatThrownBy(() -> SqliteBackup.write(data, directory, true))
                .isInstanceOf(dev.gatehouse.core.GatehouseException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> SqliteBackup.write(data, Path.of("/dev/null"), true))
                .isInstanceOf(dev.gatehouse.core.GatehouseException.class);
        assertThat(Files.isDirectory(directory)).isTrue();
        assertThat(Files.isRegularFile(Path.of("/dev/null"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void saysSoWhenThereIsNoDatabaseAndCreatesNone() {
        Path data = parent.resolve("empty");

        assertThat(SqliteBackup.write(data, parent.resolve("b.db"), false))
                .isEqualTo(new SqliteBackup.Outcome.NoDatabase(data.resolve(SqliteDatabase.FILE_NAME)));
        assertThat(Files.exists(data)).isFalse();
        assertThat(Files.exists(parent.resolve("b.db"))).isFalse();
    }

    @Test
    void aDamagedFileFailsTheIntegrityCheck() throws Exception {
        Path data = parent.resolve("data");
        SqliteDatabase.open(data).close();
        Path copy = parent.resolve("copy.db");
        assertThat(SqliteBackup.write(data, copy, false)).isInstanceOf(SqliteBackup.Outcome.Written.class);
        byte[] bytes = Files.readAllBytes(copy);
        // Scribble over the second page onwards: the header still says SQLite, the b-trees are garbage.
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(copy, bytes);

        assertThat(SqliteBackup.integrityProblems(copy)).isNotEmpty();
    }
}
