package dev.gatehouse.core.account;

/**
 * Allocates {@link Argon2Memory}. This is the Java 21 version: memory in the heap. The jar carries a
 * Java 22 version of this class (src/main/java22, in META-INF/versions/22 of a multi-release jar) that
 * allocates outside the heap through the foreign-memory API, final in Java 22; the JVM picks the
 * version it can run. Built on JDK 21, the jar has only this one.
 */
final class Argon2MemorySource {
    private Argon2MemorySource() {}

    static Argon2Memory allocate(int blocks) {
        return new HeapArgon2Memory(blocks);
    }

    /** Whether {@link #allocate} places the memory outside the Java heap. */
    static boolean outsideTheHeap() {
        return false;
    }
}
