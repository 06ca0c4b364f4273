package dev.gatehouse.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.jdbc.SqlDialect;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/**
 * The system of record for many nodes: PostgreSQL behind a connection pool, migrated at open.
 *
 * <p>Every wait is bounded so that a database outage turns into a prompt 503 rather than a hang:
 * borrowing a connection waits at most {@link #CONNECTION_WAIT}, connecting at most 3 s, and a
 * statement's socket read at most 10 s. The pool reconnects by itself when the database returns.
 */
public final class PostgresDatabase extends JdbcDatabase {
    public static final Duration CONNECTION_WAIT = Duration.ofSeconds(3);
    public static final int DEFAULT_POOL_SIZE = 10;

    private final PostgresLocation location;

    private PostgresDatabase(HikariDataSource dataSource, PostgresLocation location) {
        super(dataSource, SqlDialect.POSTGRESQL, Commits.EACH_ON_ITS_OWN);
        this.location = location;
    }

    /** Connects, migrating the schema unless {@code migrate} is false (then it must be current). */
    public static PostgresDatabase open(PostgresLocation location, boolean migrate) {
        return open(location, migrate, DEFAULT_POOL_SIZE);
    }

    /** As above with a pool of {@code poolSize} connections. */
    public static PostgresDatabase open(PostgresLocation location, boolean migrate, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-postgres");
        config.setJdbcUrl(location.jdbcUrl());
        location.user().ifPresent(config::setUsername);
        location.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        config.setValidationTimeout(2_000);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "10");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "gatehouse");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new GatehouseException(
                    "cannot connect to PostgreSQL at " + location.describe() + ": " + rootMessage(e));
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/postgresql")
                    .load();
            if (migrate) {
                // Flyway holds a PostgreSQL advisory lock while it migrates, so nodes starting
                // together apply each migration once.
                flyway.migrate();
            } else {
                flyway.validate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw new GatehouseException(
                    "cannot migrate the PostgreSQL database at " + location.describe() + ": " + rootMessage(e));
        }
        return new PostgresDatabase(dataSource, location);
    }

    @Override
    public String description() {
        return "PostgreSQL at " + location.describe();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
