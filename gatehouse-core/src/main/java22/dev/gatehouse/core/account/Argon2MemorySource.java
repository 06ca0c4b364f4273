package dev.gatehouse.core.account;

/**
 * Allocates {@link Argon2Memory}: the Java 22 version, outside the heap (see the Java 21 version in
 * src/main/java for why there are two).
 */
final class Argon2MemorySource {
    private Argon2MemorySource() {}

    static Argon2Memory allocate(int blocks) {
        return new NativeArgon2Memory(blocks);
    }

    /** Whether {@link #allocate} places the memory outside the Java heap. */
    static boolean outsideTheHeap() {
        return true;
    }
}
