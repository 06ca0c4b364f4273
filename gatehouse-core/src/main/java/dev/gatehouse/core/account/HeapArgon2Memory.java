package dev.gatehouse.core.account;

import java.util.Arrays;

/** Argon2 memory as one array in the heap (Java 21; the tests of the algorithm use it everywhere). */
final class HeapArgon2Memory implements Argon2Memory {
    private final int blocks;
    private long[] words;

    HeapArgon2Memory(int blocks) {
        this.blocks = blocks;
        this.words = new long[Math.multiplyExact(blocks, Argon2id.BLOCK_LONGS)];
    }

    @Override
    public int blocks() {
        return blocks;
    }

    @Override
    public void read(int block, long[] into) {
        System.arraycopy(words, block * Argon2id.BLOCK_LONGS, into, 0, Argon2id.BLOCK_LONGS);
    }

    @Override
    public void write(int block, long[] from) {
        System.arraycopy(from, 0, words, block * Argon2id.BLOCK_LONGS, Argon2id.BLOCK_LONGS);
    }

    @Override
    public void wipe() {
        Arrays.fill(words, 0);
    }

    @Override
    public void close() {
        // The collector takes it; dropping the array makes any later use fail rather than read zeros.
        words = null;
    }

    @Override
    public long nativeBytes() {
        return 0;
    }
}
