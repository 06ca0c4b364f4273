package dev.gatehouse.core.secret;

import dev.gatehouse.jwt.ConcurrentSecureRandom;
import java.security.SecureRandom;

/** Where secrets get their randomness; injected so tests can make tokens repeatable. */
@FunctionalInterface
public interface RandomSource {

    /** Fills and returns a new array of {@code length} random bytes. */
    byte[] nextBytes(int length);

    /**
     * The strong generator: DRBGs seeded by the operating system, drawn from by many threads at once
     * without a shared lock ({@link ConcurrentSecureRandom}).
     */
    static RandomSource secure() {
        SecureRandom random = ConcurrentSecureRandom.get();
        return length -> {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
