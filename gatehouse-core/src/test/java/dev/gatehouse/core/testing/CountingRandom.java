package dev.gatehouse.core.testing;

import dev.gatehouse.core.secret.RandomSource;
import java.util.Random;

/** A repeatable random source for tests: same seed, same tokens. Never for production. */
public final class CountingRandom implements RandomSource {
    private final Random random;

    public CountingRandom(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public synchronized byte[] nextBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
