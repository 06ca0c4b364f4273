package dev.gatehouse.bench;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.secret.RandomSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one login costs in password hashing: Argon2id at Gatehouse's default (OWASP's m=19456 KiB, t=2)
 * and at OWASP's m=9216 KiB, t=4, which it rates as equally strong and which holds half the memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordHashingBenchmark {
    private final Password password = new Password("correct horse battery staple");
    private Argon2idPasswordHasher hasher;
    private PasswordHash stored;

    /** Memory in KiB and passes, p=1. */
    @Param({"19456,2", "9216,4"})
    public String setting;

    @Setup
    public void setUp() {
        String[] parts = setting.split(",");
        var parameters = new Argon2Parameters(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 1);
        hasher = new Argon2idPasswordHasher(parameters, RandomSource.secure());
        stored = hasher.hash(password);
    }

    @Benchmark
    public PasswordHash hashAtOwaspParameters() {
        return hasher.hash(password);
    }

    @Benchmark
    public boolean verifyAtOwaspParameters() {
        return hasher.verify(password, stored);
    }

    /**
     * Two verifications at once, as the hashing pool runs them on two cores: hashes per second should be
     * twice one thread's (it was 1.5 times while the hashes shared one block pool).
     */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean verifyTwoAtOnce() {
        return hasher.verify(password, stored);
    }
}
