package dev.gatehouse.core.account;

/**
 * Cost of one Argon2id hash.
 *
 * @param memoryKib memory in KiB
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {
    /** OWASP Password Storage Cheat Sheet, first Argon2id option: m=19456 KiB (19 MiB), t=2, p=1. */
    public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19_456, 2, 1);

    public Argon2Parameters {
        if (memoryKib < 8 * parallelism || memoryKib > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("Argon2 memory must be 8*p to 4194304 KiB, was " + memoryKib);
        }
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("Argon2 iterations must be 1 to 100, was " + iterations);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1 to 64, was " + parallelism);
        }
    }

    /** True when these parameters cost less than {@code other} in memory or in time. */
    public boolean weakerThan(Argon2Parameters other) {
        return memoryKib < other.memoryKib || iterations < other.iterations;
    }
}
