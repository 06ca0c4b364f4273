package dev.gatehouse.bench;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.secret.RandomSource;
import java.util.ArrayList;
import java.util.List;

/**
 * How much of "cores ÷ one hash's time" two Argon2id hashes side by side reach, by the memory each
 * holds: the token logins' target is a share of that ceiling, which assumes hashes side by side run as
 * fast as one alone. For each setting, one hash at a time and then a thread a core, the same number of
 * hashes each, in one JVM, after a warm-up of the same length; the efficiency is one hash's time over
 * the time a round of hashes side by side took. Not JMH: the measure is the ratio of two loops run back
 * to back, each a few hundred milliseconds, which the machine's drift over minutes would blur.
 *
 * <p>{@code java -cp gatehouse-bench/target/benchmarks.jar dev.gatehouse.bench.HashesSideBySide
 * 4096,10 8192,5 19456,2 65536,1} (memory in KiB and passes, p=1; at least 20 hashes of the default's
 * work each).
 */
public final class HashesSideBySide {
    private static final Password PASSWORD = new Password("purple elephants dance quietly");

    private HashesSideBySide() {}

    public static void main(String[] args) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        for (String setting : args) {
            String[] parts = setting.split(",");
            Argon2Parameters parameters =
                    new Argon2Parameters(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 1);
            Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(parameters, RandomSource.secure(), cores);
            // About as much work as 20 hashes at the default, however the memory and passes split it.
            int hashes = Math.max(10, 20 * 19_456 * 2 / (parameters.memoryKib() * parameters.iterations()));
            oneAtATime(hasher, hashes);
            double alone = oneAtATime(hasher, hashes);
            double sideBySide = sideBySide(hasher, hashes, cores);
            System.out.printf(
                    "m=%6d KiB t=%d: one hash %.2f ms alone, %.2f ms with %d side by side: efficiency %.2f%n",
                    parameters.memoryKib(), parameters.iterations(), alone, sideBySide, cores, alone / sideBySide);
        }
    }

    /** Milliseconds a hash, one at a time. */
    private static double oneAtATime(Argon2idPasswordHasher hasher, int hashes) {
        long started = System.nanoTime();
        for (int i = 0; i < hashes; i++) {
            hasher.hash(PASSWORD);
        }
        return (System.nanoTime() - started) / 1e6 / hashes;
    }

    /** Milliseconds a round of {@code cores} hashes running at once, a thread a core. */
    private static double sideBySide(Argon2idPasswordHasher hasher, int hashes, int cores) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < cores; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < hashes; i++) {
                    hasher.hash(PASSWORD);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (System.nanoTime() - started) / 1e6 / hashes;
    }
}
