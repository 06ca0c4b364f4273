package dev.gatehouse.bench;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionCheck;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.store.sqlite.SqliteDatabase;
import dev.gatehouse.testservices.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking a session cookie costs on every request: hash the token, one indexed SQLite
 * look-up. Compare with a JWT signature check (about 0.1 to 1 ms) when choosing cookies or tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionCheckBenchmark {
    private static final int SESSIONS = 10_000;

    private Path directory;
    private SqliteDatabase database;
    private SessionService sessions;
    private SessionToken[] tokens;
    private int next;

    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("gatehouse-bench");
        database = SqliteDatabase.open(directory);
        RandomSource random = RandomSource.secure();
        AccountId account = SessionCheckBenchmark.insertBenchAccount(database.accounts());
        sessions = new SessionService(database.sessions(), SessionPolicy.DEFAULT, Clock.systemUTC(), random);
        tokens = new SessionToken[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            tokens[i] = sessions.start(account, new ClientDetails("127.0.0.1", "bench"))
                    .token();
        }
    }

    /** The one account whose sessions the session benchmarks check (its hash is never verified). */
    static AccountId insertBenchAccount(dev.gatehouse.core.account.AccountStore accounts) {
        AccountId account = new AccountId("bench");
        accounts.insert(new Account(
                account,
                new EmailAddress("bench@example.com"),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                Role.USER,
                false,
                Instant.now()));
        return account;
    }

    @TearDown
    public void tearDown() throws IOException {
        database.close();
        Files2.deleteRecursively(directory);
    }

    @Benchmark
    public SessionCheck checkALiveSession() {
        next = (next + 1) % SESSIONS;
        return sessions.check(tokens[next]);
    }

    @Benchmark
    public SessionCheck checkAnUnknownToken() {
        return sessions.check(SessionToken.parse("A".repeat(43)).orElseThrow());
    }
}
