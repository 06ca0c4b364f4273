package dev.gatehouse.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.jdbc.SqlDialect;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The embedded database: one SQLite file in the data directory, in WAL mode, migrated at open.
 *
 * <p>{@code synchronous=FULL} makes every commit reach the disk before it returns, so a session the
 * server acknowledged survives a killed process and a power cut alike. Writes are group-committed (one
 * writer commits whatever waits as one transaction and one fsync), so a refresh per request does not
 * mean an fsync per request.
 */
public final class SqliteDatabase extends JdbcDatabase {
    public static final String FILE_NAME = "gatehouse.db";
    private static final int POOL_SIZE = 4;
    /** V1 to V10 in db/migration/sqlite; {@code SqliteMigrationsTest} fails when a file is added without this. */
    static final int SHIPPED_MIGRATIONS = 10;

    private static final System.Logger LOG = System.getLogger("gatehouse.store");

    private final Path file;

    private SqliteDatabase(HikariDataSource dataSource, Path file) {
        super(dataSource, SqlDialect.SQLITE, Commits.GROUPED);
        this.file = file;
    }

    /** Opens (creating when needed) the database in {@code dataDirectory} and applies pending migrations. */
    public static SqliteDatabase open(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
        createPrivateDirectory(dataDirectory);
        makePrivate(file);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "5000");
        // Otherwise the driver follows every INSERT with a "SELECT last_insert_rowid()" of its own, on the
        // one writer's thread, for keys nothing here asks for (a refresh inserts two rows).
        config.addDataSourceProperty("jdbc.get_generated_keys", "false");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Not a database (SQLITE_NOTADB), unreadable, locked: what SQLite said, not a stack trace.
            throw new GatehouseException("cannot open the SQLite database at " + file + ": " + reason(e), e);
        }
        try {
            if (!hasEveryShippedMigration(dataSource)) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration/sqlite")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            // Flyway's own words say which: a failed migration, one newer than this build, a changed one.
            throw new GatehouseException("cannot migrate the SQLite database at " + file + ": " + reason(e), e);
        }
        // SQLite gives its journal files the database's mode; made sure of here, as they now exist.
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path journal = file.resolveSibling(FILE_NAME + suffix);
            if (Files.exists(journal)) {
                makePrivate(journal);
            }
        }
        return new SqliteDatabase(dataSource, file);
    }

    /**
     * Whether the database's migration history records exactly the migrations this build ships, each
     * applied once and successfully. Such a database is opened without Flyway: configuring it took
     * 0.1-0.2 s of every start on the 2-core VM (it copies its plugins' settings through Jackson) to
     * find nothing to do. Anything else (a new file, a migration pending, one failed, one newer than this
     * build) goes to Flyway as before. What a current database no longer gets at start is Flyway's
     * comparison of the applied scripts' checksums with the shipped ones, which only an edit of a
     * released migration would fail (never done: a change is a new migration). PostgreSQL, shared by
     * nodes of different builds, keeps Flyway at every start.
     */
    static boolean hasEveryShippedMigration(DataSource dataSource) {
        // Every row read, not counted: the history must be exactly versions 1 to SHIPPED_MIGRATIONS, each
        // once and successful, and nothing else (no version 9.1 standing in for a 9, no repeatable or
        // failed row beside them). An outside test found counts that Flyway itself would refuse.
        Set<String> expected = new HashSet<>();
        for (int version = 1; version <= SHIPPED_MIGRATIONS; version++) {
            expected.add(Integer.toString(version));
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet history = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            while (history.next()) {
                String version = history.getString(1);
                boolean succeeded = history.getInt(2) == 1 && !history.wasNull();
                if (version == null || !succeeded || !expected.remove(version)) {
                    return false;
                }
            }
            return expected.isEmpty();
        } catch (SQLException e) {
            return false; // no history table yet: a new database
        }
    }

    /** An exception's message and its causes', on one line and cut short: for an operator, not a trace. */
    static String reason(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < 400; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message.strip()) < 0) {
                if (!text.isEmpty()) {
                    text.append(" / ");
                }
                text.append(message.strip().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        String line = text.isEmpty() ? e.getClass().getSimpleName() : text.toString();
        return line.length() <= 500 ? line : line.substring(0, 500) + "...";
    }

    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "SQLite at " + file;
    }

    private static void createPrivateDirectory(Path directory) {
        try {
            if (Files.notExists(directory)) {
                Files.createDirectories(directory);
                if (isPosix()) {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                }
            } else if (!Files.isDirectory(directory)) {
                throw new GatehouseException(
                        "the data directory " + directory.toAbsolutePath() + " is a file, not a directory");
            } else if (isPosix()
                    && Files.getPosixFilePermissions(directory).stream()
                            .anyMatch(p ->
                                    p.name().startsWith("OTHERS") || p.name().startsWith("GROUP"))) {
                LOG.log(
                        Level.WARNING,
                        "the data directory " + directory.toAbsolutePath() + " is open to other users ("
                                + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))
                                + "); its files are kept rw------- but consider chmod 700");
            }
        } catch (IOException e) {
            throw new GatehouseException("cannot create the data directory " + directory.toAbsolutePath(), e);
        }
    }

    /**
     * Password hashes, addresses and the audit trail's IPs live in this file: readable by the owner only,
     * whatever the directory's mode or the process's umask. Created so before SQLite ever opens it.
     */
    private static void makePrivate(Path file) {
        if (!isPosix()) {
            return;
        }
        var ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
            if (!Files.getPosixFilePermissions(file).equals(ownerOnly)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        } catch (IOException e) {
            throw new GatehouseException("cannot make " + file + " readable by its owner only", e);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
