package dev.gatehouse.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.jdbc.SqlDialect;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.flywaydb.core.Flyway;

/**
 * The embedded database: one SQLite file in the data directory, in WAL mode, migrated at open.
 *
 * <p>{@code synchronous=FULL} makes every commit reach the disk before it returns, so a session the
 * server acknowledged survives a killed process and a power cut alike. Writes here are rare (logins,
 * logouts, a "last seen" a minute), so the fsync costs little.
 */
public final class SqliteDatabase extends JdbcDatabase {
    public static final String FILE_NAME = "gatehouse.db";
    private static final int POOL_SIZE = 4;

    private final Path file;

    private SqliteDatabase(HikariDataSource dataSource, Path file) {
        super(dataSource, SqlDialect.SQLITE);
        this.file = file;
    }

    /** Opens (creating when needed) the database in {@code dataDirectory} and applies pending migrations. */
    public static SqliteDatabase open(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
        createPrivateDirectory(dataDirectory);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "5000");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new GatehouseException("cannot migrate the SQLite database at " + file, e);
        }
        return new SqliteDatabase(dataSource, file);
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
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new GatehouseException("cannot create the data directory " + directory.toAbsolutePath(), e);
        }
    }
}
