package dev.gatehouse.core.secret;

import java.security.SecureRandom;

/** Where secrets get their randomness; injected so tests can make tokens repeatable. */
@FunctionalInterface
public interface RandomSource {

    /** Fills and returns a new array of {@code length} random bytes. */
    byte[] nextBytes(int length);

    /** The platform's strong generator (on Linux, the non-blocking {@code /dev/urandom} source). */
    static RandomSource secure() {
        SecureRandom random = new SecureRandom();
        return length -> {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
