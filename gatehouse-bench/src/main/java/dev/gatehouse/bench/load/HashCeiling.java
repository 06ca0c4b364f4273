package dev.gatehouse.bench.load;

import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.secret.RandomSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the machine gives password hashing at the server's parameters: one hash's time, and hashes a
 * second with one hash a core at once. Each figure is the median of three JVMs started for nothing
 * else: measured in the suite's own JVM, just after it had written 100,000 sessions, one hash took
 * 35 ms in one run and 18-20 ms in others, while fresh JVMs on the same machine gave 17.5-19.7 ms
 * eight times out of eight. A ceiling twice too low made the logins' ratio to it read 1.39.
 *
 * @param hashMillis the median time of one hash
 * @param parallelHashesPerSecond hashes a second, a thread a core each hashing in turn
 */
record HashCeiling(double hashMillis, double parallelHashesPerSecond) {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final int JVMS = 3;

    /** Runs {@link #main} in {@value #JVMS} fresh JVMs, one after the other, and takes the medians. */
    static HashCeiling measureInFreshJvms() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<HashCeiling> measured = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            Process process = new ProcessBuilder(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            HashCeiling.class.getName())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("measuring the hash failed: " + output);
            }
            String[] figures = output.substring(output.lastIndexOf('\n') + 1).split(" ");
            measured.add(new HashCeiling(Double.parseDouble(figures[0]), Double.parseDouble(figures[1])));
        }
        return new HashCeiling(
                median(measured.stream().mapToDouble(HashCeiling::hashMillis).toArray()),
                median(measured.stream()
                        .mapToDouble(HashCeiling::parallelHashesPerSecond)
                        .toArray()));
    }

    /** The mean of this and {@code later}: the ceiling of a stretch of time measured at both its ends. */
    HashCeiling meanWith(HashCeiling later) {
        return new HashCeiling(
                (hashMillis + later.hashMillis) / 2, (parallelHashesPerSecond + later.parallelHashesPerSecond) / 2);
    }

    /** Prints one hash's time in milliseconds and the parallel rate, on one line, for the suite to read. */
    public static void main(String[] args) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println(oneHashMillis() + " " + parallelHashesPerSecond(cores));
    }

    /** The median of 15 hashes after 5 that let the JIT compile the hash. */
    private static double oneHashMillis() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(LoadSuite.SERVER_HASHING, RandomSource.secure());
        Password password = new Password(PASSWORD);
        double[] times = new double[15];
        for (int i = 0; i < times.length + 5; i++) {
            long start = System.nanoTime();
            hasher.hash(password);
            if (i >= 5) {
                times[i - 5] = (System.nanoTime() - start) / 1e6;
            }
        }
        return median(times);
    }

    /**
     * Hashes a second with {@code cores} threads hashing at once, as the server's hashing pool does at
     * saturation: what the ceiling's "cores ÷ one hash's time" leaves out is that hashes running side by
     * side share the caches and the memory bus (19 MiB each at the default), so this is the most logins
     * the machine could give if the server did nothing else.
     */
    private static double parallelHashesPerSecond(int cores) throws InterruptedException {
        Argon2idPasswordHasher hasher =
                new Argon2idPasswordHasher(LoadSuite.SERVER_HASHING, RandomSource.secure(), cores);
        Password password = new Password(PASSWORD);
        int hashesEach = 15;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int h = 0; h < hashesEach; h++) {
                    hasher.hash(password);
                }
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return cores * hashesEach * 1e9 / (System.nanoTime() - began);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
