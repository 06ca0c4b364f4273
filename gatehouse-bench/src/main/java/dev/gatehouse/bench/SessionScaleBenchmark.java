package dev.gatehouse.bench;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionCheck;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.postgres.PostgresDatabase;
import dev.gatehouse.store.postgres.PostgresLocation;
import dev.gatehouse.store.sqlite.SqliteDatabase;
import dev.gatehouse.testservices.Files2;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scale run: does checking a session cookie cost the same with 10,000 sessions stored as with a
 * million? It should (one look-up in a B-tree index on the token's hash); this shows it on both stores.
 *
 * <p>Sessions are written in bulk with plain SQL (a million logins through the API would take hours
 * of hashing); the checks go through the real {@link SessionService} and store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionScaleBenchmark {
    private static final int SAMPLE = 10_000;

    @Param({"10000", "1000000"})
    public int storedSessions;

    @Param({"sqlite", "postgresql"})
    public String store;

    private Path directory;
    private TestDatabase postgres;
    private JdbcDatabase database;
    private SessionService sessions;
    private SessionToken[] sample;
    private int next;

    @Setup
    public void setUp() throws IOException, SQLException {
        if (store.equals("sqlite")) {
            directory = Files.createTempDirectory("gatehouse-bench");
            database = SqliteDatabase.open(directory);
        } else {
            postgres = PostgresServer.shared().createDatabase();
            database = PostgresDatabase.open(PostgresLocation.parse(postgres.url()), true);
        }
        AccountId account = SessionCheckBenchmark.insertBenchAccount(database.accounts());
        Instant seededAt = Instant.ofEpochMilli(System.currentTimeMillis());
        sample = insertSessions(account, seededAt);
        // The clock stands still at the moment the sessions were written: otherwise writing a million rows
        // outlasts the last-seen write interval and the first check of each sampled session also writes,
        // so the large store would measure writes and the small one reads. Measured is a session in use.
        sessions = new SessionService(
                database.sessions(),
                SessionPolicy.DEFAULT,
                Clock.fixed(seededAt, ZoneOffset.UTC),
                RandomSource.secure());
    }

    /** Writes {@code storedSessions} live sessions in one transaction; returns the tokens of a spread sample. */
    private SessionToken[] insertSessions(AccountId account, Instant seededAt) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            return SessionSeeder.seed(connection, account.value(), storedSessions, SAMPLE, seededAt);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        database.close();
        if (postgres != null) {
            postgres.close();
        }
        if (directory != null) {
            Files2.deleteRecursively(directory);
        }
    }

    @Benchmark
    public SessionCheck checkALiveSession() {
        next = (next + 1) % SAMPLE;
        return sessions.check(sample[next]);
    }
}
