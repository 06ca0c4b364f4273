package dev.gatehouse.core.account;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Argon2 memory outside the heap, in an arena of its own: {@link #close()} frees it at once, so the
 * memory of a burst of logins goes back to the system when the burst is over instead of staying in
 * a heap the collector has touched. Shared, not confined: pooled memory serves whichever hashing thread
 * takes it next (one at a time).
 */
final class NativeArgon2Memory implements Argon2Memory {
    private static final long BLOCK_BYTES = 8L * Argon2id.BLOCK_LONGS;

    private final int blocks;
    private final Arena arena;
    private final MemorySegment segment;

    NativeArgon2Memory(int blocks) {
        this.blocks = blocks;
        this.arena = Arena.ofShared();
        this.segment = arena.allocate(BLOCK_BYTES * blocks, Long.BYTES);
    }

    @Override
    public int blocks() {
        return blocks;
    }

    @Override
    public void read(int block, long[] into) {
        MemorySegment.copy(segment, ValueLayout.JAVA_LONG, block * BLOCK_BYTES, into, 0, Argon2id.BLOCK_LONGS);
    }

    @Override
    public void write(int block, long[] from) {
        MemorySegment.copy(from, 0, segment, ValueLayout.JAVA_LONG, block * BLOCK_BYTES, Argon2id.BLOCK_LONGS);
    }

    @Override
    public void wipe() {
        segment.fill((byte) 0);
    }

    @Override
    public void close() {
        arena.close();
    }

    @Override
    public long nativeBytes() {
        return segment.byteSize();
    }
}
