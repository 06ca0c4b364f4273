package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.testing.CountingRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs against the packaged multi-release jar (failsafe puts the jar, not target/classes, on the class
 * path), so on Java 22+ the JVM picks the foreign-memory version of {@link Argon2MemorySource}: the
 * unit tests only ever see the heap version. The build runs this test only on a JDK 22+ (the profile
 * that compiles the Java 22 classes).
 */
class HashMemoryOutsideTheHeapIT {
    private static final PasswordHash REFERENCE_9_MIB = new PasswordHash(
            "$argon2id$v=19$m=9216,t=4,p=1$Z2F0ZWhvdXNlc2FsdDEyMw$+u4t8L2p/AT/KkPYn4/cVabSmuA7JSoA/MGO4UvOZGU");

    @Test
    void theJarHashesOutsideTheHeapOnThisJdk() {
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(22);
        assertThat(Argon2idPasswordHasher.memoryOutsideTheHeap()).isTrue();
        assertThat(Argon2MemorySource.allocate(1).getClass().getSimpleName()).isEqualTo("NativeArgon2Memory");
    }

    @Test
    void memoryOutsideTheHeapGivesTheReferenceImplementationsHashesAndIsGivenBack() {
        var hasher = new Argon2idPasswordHasher(new Argon2Parameters(9_216, 4, 1), new CountingRandom(1), 2);

        assertThat(hasher.verify(new Password("correct horse battery staple"), REFERENCE_9_MIB))
                .isTrue();
        assertThat(hasher.verify(new Password("correct horse battery stapler"), REFERENCE_9_MIB))
                .isFalse();
        assertThat(hasher.nativeMemoryBytes()).isEqualTo(9_216L * 1024);

        hasher.releaseIdleMemory(Duration.ZERO);

        assertThat(hasher.nativeMemoryBytes()).isZero();
        assertThat(hasher.verify(new Password("correct horse battery staple"), REFERENCE_9_MIB))
                .isTrue();
    }

    @Test
    void wipedMemoryOutsideTheHeapHoldsOnlyZeros() {
        try (Argon2Memory memory = Argon2MemorySource.allocate(16)) {
            Argon2id.hash(new byte[] {1, 2, 3}, new byte[16], new byte[0], new byte[0], 16, 1, 1, 32, memory);
            long[] block = new long[Argon2id.BLOCK_LONGS];
            memory.read(3, block);
            assertThat(block).isNotEqualTo(new long[Argon2id.BLOCK_LONGS]);

            memory.wipe();

            for (int i = 0; i < memory.blocks(); i++) {
                memory.read(i, block);
                assertThat(block).isEqualTo(new long[Argon2id.BLOCK_LONGS]);
            }
        }
    }
}
