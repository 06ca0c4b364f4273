package dev.gatehouse.core.account;

import java.util.List;

/**
 * Cost of one Argon2id hash.
 *
 * @param memoryKib memory in KiB
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {
    /**
     * The OWASP Password Storage Cheat Sheet's Argon2id settings, p=1, which it rates as equally strong:
     * each trades memory for passes, at about the same memory traffic a guess (m × t).
     */
    public static final List<Argon2Parameters> OWASP_SETTINGS = List.of(
            new Argon2Parameters(47_104, 1, 1),
            new Argon2Parameters(19_456, 2, 1),
            new Argon2Parameters(12_288, 3, 1),
            new Argon2Parameters(9_216, 4, 1),
            new Argon2Parameters(7_168, 5, 1));

    /**
     * Gatehouse's default, OWASP's first setting with p=1: m=19456 KiB (19 MiB), t=2. The one with
     * the most memory a guess short of 46 MiB; the lower-memory settings are there for deployments
     * that must fit a smaller heap (docs/configuration.md, "Why these defaults").
     */
    public static final Argon2Parameters DEFAULT = new Argon2Parameters(19_456, 2, 1);

    /** The lowest memory any OWASP setting asks for (7168 KiB). */
    public static final int OWASP_LEAST_MEMORY_KIB =
            OWASP_SETTINGS.stream().mapToInt(Argon2Parameters::memoryKib).min().orElseThrow();

    /** The OWASP settings as an operator reads them: "m=47104 t=1, 19456 t=2, …". */
    public static String owaspSettingsText() {
        var text = new StringBuilder("m=");
        for (Argon2Parameters setting : OWASP_SETTINGS) {
            if (text.length() > 2) {
                text.append(", ");
            }
            text.append(setting.memoryKib).append(" t=").append(setting.iterations);
        }
        return text.toString();
    }

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

    /**
     * True when these parameters ask at least as much memory and as many passes as one of the
     * {@link #OWASP_SETTINGS}: more of one never makes up for less of the other below the table.
     */
    public boolean meetsOwasp() {
        return OWASP_SETTINGS.stream().anyMatch(setting -> !weakerThan(setting));
    }
}
