package dev.gatehouse.core.account;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id, version 0x13, as RFC 9106 specifies it, over memory the caller lends ({@link Argon2Memory}).
 *
 * <p>Our own rather than Bouncy Castle's generator for one reason: where the memory lives. Bouncy
 * Castle's keeps a hash's memory as one Java object per 1 KiB block, in the heap; the heap bound then
 * has to hold a hash's memory for every core, and a server that has run long enough keeps the whole
 * bound resident. Here the memory is whatever {@link Argon2Memory} allocates: outside the heap where the
 * JDK can free it at once (Java 22+), and given back when logins stop. Bouncy Castle still provides
 * BLAKE2b, and its generator is what the tests check this one against.
 *
 * <p>The lanes are filled one after another on the calling thread, which gives the same result as
 * filling them in parallel (RFC 9106, section 3.4: within a slice, a lane reads only what earlier
 * slices wrote in the other lanes).
 */
final class Argon2id {
    /** 64-bit words in a block of 1 KiB. */
    static final int BLOCK_LONGS = 128;

    private static final int BLOCK_BYTES = 8 * BLOCK_LONGS;
    private static final int SYNC_POINTS = 4;
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int ADDRESSES_PER_BLOCK = BLOCK_LONGS;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    private final int lanes;
    private final int iterations;
    private final int memoryKib;
    private final int segmentLength;
    private final int laneLength;
    private final int blockCount;
    private final Argon2Memory memory;

    // Working blocks: the block just computed (the next one's "previous"), the referenced block, and
    // the compression's two halves; the address blocks for the data-independent first half pass.
    private final long[] previous = new long[BLOCK_LONGS];
    private final long[] reference = new long[BLOCK_LONGS];
    private final long[] mixed = new long[BLOCK_LONGS];
    private final long[] permuted = new long[BLOCK_LONGS];
    private final long[] addressInput = new long[BLOCK_LONGS];
    private final long[] addresses = new long[BLOCK_LONGS];

    private Argon2id(int memoryKib, int iterations, int lanes, Argon2Memory memory) {
        this.lanes = lanes;
        this.iterations = iterations;
        this.memoryKib = memoryKib;
        this.blockCount = blockCount(memoryKib, lanes);
        this.segmentLength = blockCount / (lanes * SYNC_POINTS);
        this.laneLength = segmentLength * SYNC_POINTS;
        if (memory.blocks() < blockCount) {
            throw new IllegalArgumentException("memory of " + memory.blocks() + " blocks, " + blockCount + " needed");
        }
        this.memory = memory;
    }

    /** Blocks a hash of {@code memoryKib} over {@code lanes} lanes uses: m rounded down to 4 × lanes. */
    static int blockCount(int memoryKib, int lanes) {
        int atLeast = Math.max(memoryKib, 2 * SYNC_POINTS * lanes);
        return atLeast / (SYNC_POINTS * lanes) * (SYNC_POINTS * lanes);
    }

    /**
     * The tag of {@code tagLength} bytes. {@code secret} and {@code associatedData} may be empty (the
     * password hasher uses neither; the RFC's test vector uses both).
     */
    static byte[] hash(
            byte[] password,
            byte[] salt,
            byte[] secret,
            byte[] associatedData,
            int memoryKib,
            int iterations,
            int lanes,
            int tagLength,
            Argon2Memory memory) {
        if (lanes < 1 || iterations < 1 || tagLength < 4 || memoryKib < 8 * lanes) {
            throw new IllegalArgumentException("Argon2 parameters out of range");
        }
        Argon2id run = new Argon2id(memoryKib, iterations, lanes, memory);
        byte[] h0 = run.initialHash(password, salt, secret, associatedData, tagLength);
        run.fillFirstBlocks(h0);
        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < lanes; lane++) {
                    run.fillSegment(pass, slice, lane);
                }
            }
        }
        return run.tag(tagLength);
    }

    /** H0 (RFC 9106, section 3.2, step 1). */
    private byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int tagLength) {
        Blake2bDigest digest = new Blake2bDigest(512);
        for (int value : new int[] {lanes, tagLength, memoryKib, iterations, VERSION, TYPE_ID}) {
            updateInt(digest, value);
        }
        for (byte[] field : new byte[][] {password, salt, secret, associatedData}) {
            updateInt(digest, field.length);
            digest.update(field, 0, field.length);
        }
        byte[] h0 = new byte[64];
        digest.doFinal(h0, 0);
        return h0;
    }

    /** B[i][0] and B[i][1] of every lane, from H0 (steps 3 and 4). */
    private void fillFirstBlocks(byte[] h0) {
        byte[] seed = new byte[h0.length + 8];
        System.arraycopy(h0, 0, seed, 0, h0.length);
        byte[] block = new byte[BLOCK_BYTES];
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                putIntLittleEndian(seed, h0.length, column);
                putIntLittleEndian(seed, h0.length + 4, lane);
                variableLengthHash(seed, block);
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    previous[i] = getLongLittleEndian(block, 8 * i);
                }
                memory.write(lane * laneLength + column, previous);
            }
        }
        Arrays.fill(block, (byte) 0);
        Arrays.fill(seed, (byte) 0);
    }

    private void fillSegment(int pass, int slice, int lane) {
        boolean dataIndependent = pass == 0 && slice < SYNC_POINTS / 2;
        int first = pass == 0 && slice == 0 ? 2 : 0;
        if (dataIndependent) {
            Arrays.fill(addressInput, 0);
            addressInput[0] = pass;
            addressInput[1] = lane;
            addressInput[2] = slice;
            addressInput[3] = blockCount;
            addressInput[4] = iterations;
            addressInput[5] = TYPE_ID;
            if (first == 2) {
                nextAddresses();
            }
        }
        int current = lane * laneLength + slice * segmentLength + first;
        int before = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        memory.read(before, previous);
        for (int index = first; index < segmentLength; index++, current++) {
            long pseudoRandom;
            if (dataIndependent) {
                if (index % ADDRESSES_PER_BLOCK == 0) {
                    nextAddresses();
                }
                pseudoRandom = addresses[index % ADDRESSES_PER_BLOCK];
            } else {
                pseudoRandom = previous[0];
            }
            int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
            int referenceIndex = referenceIndex(pass, slice, index, pseudoRandom & LOW_32, referenceLane == lane);
            fillBlock(referenceLane * laneLength + referenceIndex, current, pass > 0);
        }
    }

    /**
     * Block {@code current} from the previous block (held in {@link #previous}) and block
     * {@code referenced}: G(previous, referenced), XORed into the old block on passes after the first
     * (version 0x13). Left in {@link #previous} for the next block.
     *
     * <p>A method of its own, called once a block, so that the JIT compiles it as a whole method as soon
     * as it is hot, not only through on-stack replacement of the long loop over a segment.
     */
    private void fillBlock(int referenced, int current, boolean xorIntoOld) {
        memory.read(referenced, reference);
        for (int i = 0; i < BLOCK_LONGS; i++) {
            long x = previous[i] ^ reference[i];
            mixed[i] = x;
            permuted[i] = x;
        }
        permute(permuted);
        if (xorIntoOld) {
            memory.read(current, reference);
            for (int i = 0; i < BLOCK_LONGS; i++) {
                previous[i] = permuted[i] ^ mixed[i] ^ reference[i];
            }
        } else {
            for (int i = 0; i < BLOCK_LONGS; i++) {
                previous[i] = permuted[i] ^ mixed[i];
            }
        }
        memory.write(current, previous);
    }

    /** The next block of pseudo-random addresses: G(0, G(0, input)) with the counter raised first. */
    private void nextAddresses() {
        addressInput[6]++;
        compressWithZero(addressInput, addresses);
        compressWithZero(addresses, addresses);
    }

    /** G(0, in) = P(in) XOR in, into {@code out} (which may be {@code in}). */
    private void compressWithZero(long[] in, long[] out) {
        System.arraycopy(in, 0, permuted, 0, BLOCK_LONGS);
        permute(permuted);
        for (int i = 0; i < BLOCK_LONGS; i++) {
            out[i] = permuted[i] ^ in[i];
        }
    }

    /** Which block of the reference lane to read (RFC 9106, section 3.4.1.2). */
    private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
        long areaSize;
        if (pass == 0) {
            if (slice == 0) {
                areaSize = index - 1;
            } else if (sameLane) {
                areaSize = (long) slice * segmentLength + index - 1;
            } else {
                areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
            }
        } else if (sameLane) {
            areaSize = laneLength - segmentLength + index - 1;
        } else {
            areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        // Both products are of two values below 2^32, so their 64 bits are exact as unsigned numbers.
        long x = (j1 * j1) >>> 32;
        long relative = areaSize - 1 - ((areaSize * x) >>> 32);
        long start = pass != 0 && slice != SYNC_POINTS - 1 ? (long) (slice + 1) * segmentLength : 0;
        return (int) ((start + relative) % laneLength);
    }

    /** The tag: H' of the XOR of every lane's last block. */
    private byte[] tag(int tagLength) {
        long[] last = reference;
        memory.read(laneLength - 1, previous);
        for (int lane = 1; lane < lanes; lane++) {
            memory.read(lane * laneLength + laneLength - 1, last);
            for (int i = 0; i < BLOCK_LONGS; i++) {
                previous[i] ^= last[i];
            }
        }
        byte[] bytes = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_LONGS; i++) {
            putLongLittleEndian(bytes, 8 * i, previous[i]);
        }
        byte[] out = new byte[tagLength];
        variableLengthHash(bytes, out);
        Arrays.fill(bytes, (byte) 0);
        for (long[] block : new long[][] {previous, reference, mixed, permuted}) {
            Arrays.fill(block, 0);
        }
        return out;
    }

    /** H' (RFC 9106, section 3.3): BLAKE2b stretched to {@code out.length} bytes. */
    static void variableLengthHash(byte[] input, byte[] out) {
        int length = out.length;
        if (length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(8 * length);
            updateInt(digest, length);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return;
        }
        byte[] v = new byte[64];
        Blake2bDigest digest = new Blake2bDigest(512);
        updateInt(digest, length);
        digest.update(input, 0, input.length);
        digest.doFinal(v, 0);
        int written = 0;
        int rounds = (length + 31) / 32 - 2;
        System.arraycopy(v, 0, out, written, 32);
        written += 32;
        for (int round = 1; round < rounds; round++) {
            digest.update(v, 0, 64);
            digest.doFinal(v, 0);
            System.arraycopy(v, 0, out, written, 32);
            written += 32;
        }
        Blake2bDigest lastDigest = new Blake2bDigest(8 * (length - written));
        lastDigest.update(v, 0, 64);
        lastDigest.doFinal(out, written);
        Arrays.fill(v, (byte) 0);
    }

    /**
     * The permutation P (RFC 9106, section 3.6) over the block's 8 rows of 16 words, then over its 8
     * columns of 8 word pairs: each time BLAKE2b's round, four G on the columns of the 4 × 4 matrix of
     * those 16 words, then four on its diagonals. Written out as calls of {@link #mix} alone, small
     * enough for the JIT to inline wherever it compiles this, rather than through a round helper taking
     * the 16 indices: logins cost the server 12 % less CPU (4 fresh servers each, in turn, 2 at once).
     */
    private static void permute(long[] v) {
        for (int row = 0; row < 8; row++) {
            int o = 16 * row;
            mix(v, o, o + 4, o + 8, o + 12);
            mix(v, o + 1, o + 5, o + 9, o + 13);
            mix(v, o + 2, o + 6, o + 10, o + 14);
            mix(v, o + 3, o + 7, o + 11, o + 15);
            mix(v, o, o + 5, o + 10, o + 15);
            mix(v, o + 1, o + 6, o + 11, o + 12);
            mix(v, o + 2, o + 7, o + 8, o + 13);
            mix(v, o + 3, o + 4, o + 9, o + 14);
        }
        // A column's 16 words are the pairs at 2 × column of each row: o, o+1, o+16, o+17, ... o+113.
        for (int column = 0; column < 8; column++) {
            int o = 2 * column;
            mix(v, o, o + 32, o + 64, o + 96);
            mix(v, o + 1, o + 33, o + 65, o + 97);
            mix(v, o + 16, o + 48, o + 80, o + 112);
            mix(v, o + 17, o + 49, o + 81, o + 113);
            mix(v, o, o + 33, o + 80, o + 113);
            mix(v, o + 1, o + 48, o + 81, o + 96);
            mix(v, o + 16, o + 49, o + 64, o + 97);
            mix(v, o + 17, o + 32, o + 65, o + 112);
        }
    }

    /** BLAKE2b's G with the multiplications of BlaMka (RFC 9106, section 3.6). */
    private static void mix(long[] v, int a, int b, int c, int d) {
        long va = v[a];
        long vb = v[b];
        long vc = v[c];
        long vd = v[d];
        va = blaMka(va, vb);
        vd = Long.rotateRight(vd ^ va, 32);
        vc = blaMka(vc, vd);
        vb = Long.rotateRight(vb ^ vc, 24);
        va = blaMka(va, vb);
        vd = Long.rotateRight(vd ^ va, 16);
        vc = blaMka(vc, vd);
        vb = Long.rotateRight(vb ^ vc, 63);
        v[a] = va;
        v[b] = vb;
        v[c] = vc;
        v[d] = vd;
    }

    private static long blaMka(long x, long y) {
        return x + y + 2 * ((x & LOW_32) * (y & LOW_32));
    }

    private static void updateInt(Blake2bDigest digest, int value) {
        for (int shift = 0; shift < 32; shift += 8) {
            digest.update((byte) (value >>> shift));
        }
    }

    private static void putIntLittleEndian(byte[] bytes, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void putLongLittleEndian(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static long getLongLittleEndian(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
