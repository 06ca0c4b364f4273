package dev.gatehouse.core.account;

/**
 * The memory of one Argon2id hash: a run of 1 KiB blocks, read and written whole.
 *
 * <p>Where it lives is {@link Argon2MemorySource}'s choice: outside the heap on Java 22 and later, so
 * that what a hash needs is not part of the heap bound and is given back to the system when it is
 * closed; inside it on Java 21. Not safe for two hashes at once: each hash has one to itself.
 */
interface Argon2Memory extends AutoCloseable {
    /** How many blocks of {@link Argon2id#BLOCK_LONGS} words it holds. */
    int blocks();

    void read(int block, long[] into);

    void write(int block, long[] from);

    /** Overwrites every block with zeros: a hash's memory is derived from a password. */
    void wipe();

    /** Gives the memory back; it must not be used again. */
    @Override
    void close();

    /** Bytes it holds outside the Java heap (0 for memory in the heap). */
    long nativeBytes();
}
