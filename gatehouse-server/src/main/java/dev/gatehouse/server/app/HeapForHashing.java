package dev.gatehouse.server.app;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.server.config.ConfigException;
import java.util.List;

/**
 * Where password hashes' memory is in the heap (Java 21), the heap must hold one hash a core beside
 * everything else, or the first logins end the process (out of memory, and the JVM is told to exit).
 * The launcher sizes the heap from {@code GATEHOUSE_ARGON2_MEMORY_KIB} in the environment only; an
 * outside test set a larger memory in the configuration file and ended the server with one anonymous
 * login. So the start is refused instead, saying what to raise.
 */
final class HeapForHashing {
    /** What the heap needs besides the hashes: about the live set the load suite leaves, with room. */
    static final long REST_OF_THE_HEAP = 64L << 20;

    private HeapForHashing() {}

    static void require(Argon2Parameters hashing, int cores, long maxHeap, boolean hashesInTheHeap) {
        if (!hashesInTheHeap) {
            return;
        }
        long hashes = (long) cores * hashing.memoryKib() * 1024;
        if (hashes + REST_OF_THE_HEAP > maxHeap) {
            throw new ConfigException(List.of("GATEHOUSE_ARGON2_MEMORY_KIB=" + hashing.memoryKib() + ": " + cores
                    + " hashes at once (one a core) need " + (hashes >> 20) + " MiB of a heap of " + (maxHeap >> 20)
                    + " MiB, and the rest of the server about " + (REST_OF_THE_HEAP >> 20)
                    + "; give the JVM more (GATEHOUSE_JAVA_OPTS=-Xmx"
                    + ((hashes + REST_OF_THE_HEAP + (maxHeap / 4)) >> 20) + "m) or the hashes less memory,"
                    + " or run on Java 22 or later, where hashes are outside the heap"));
        }
    }
}
