package dev.gatehouse.server.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.postgres.PostgresDatabase;
import dev.gatehouse.store.postgres.PostgresLocation;
import dev.gatehouse.store.sqlite.SqliteDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.stream.Stream;

/** Which database the configuration names, opened and migrated, and the meters it reports to. */
final class StoreSetup {
    private static final System.Logger LOG = System.getLogger("gatehouse.server");

    private StoreSetup() {}

    /**
     * The store's meters: HikariCP's pool ({@code hikaricp_connections_*}, tagged with the pool's name),
     * and the embedded store's group commits — writes per commit, commit time, writes waiting — from
     * the JDBC module's plain listener, so that the store modules stay free of Micrometer.
     */
    static void bindStoreMeters(JdbcDatabase database, MeterRegistry registry) {
        var batchSize = DistributionSummary.builder("gatehouse.store.commit.batch.size")
                .description("Writes committed together in one group commit")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        var commitTime = Timer.builder("gatehouse.store.commit")
                .description("One group commit, from its first statement to the end of its fsync")
                .serviceLevelObjectives(Stream.of(0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 500.0)
                        .map(ms -> Duration.ofNanos((long) (ms * 1_000_000)))
                        .toArray(Duration[]::new))
                .register(registry);
        var failedWrites = Counter.builder("gatehouse.store.commit.failed.writes")
                .description("Writes rolled back alone inside a group commit")
                .register(registry);
        database.onBatchCommitted(batch -> {
            batchSize.record(batch.writes());
            commitTime.record(batch.took());
            failedWrites.increment(batch.failedWrites());
        });
        Gauge.builder("gatehouse.store.commit.waiting", database, JdbcDatabase::waitingWrites)
                .description("Writes waiting for the next group commit")
                .register(registry);
        try {
            // The pool is already running: HikariCP binds its Micrometer tracker to a started pool too.
            database.dataSource().unwrap(HikariDataSource.class).setMetricRegistry(registry);
        } catch (java.sql.SQLException e) {
            LOG.log(Level.WARNING, "the store's pool has no HikariCP meters: " + e.getMessage());
        }
    }

    /** The embedded SQLite store in the data directory, or PostgreSQL when a database URL is set. */
    static JdbcDatabase openDatabase(GatehouseConfig config) {
        if (config.databaseUrl().isEmpty()) {
            return SqliteDatabase.open(config.dataDirectory());
        }
        PostgresLocation location;
        try {
            location = PostgresLocation.parse(config.databaseUrl().get());
        } catch (IllegalArgumentException e) {
            throw new GatehouseException("GATEHOUSE_DATABASE_URL (value masked) " + e.getMessage());
        }
        return PostgresDatabase.open(location, true, config.databasePoolSize());
    }
}
