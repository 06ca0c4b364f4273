package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2idTest {
    @Test
    void matchesTheTestVectorOfRfc9106() {
        // RFC 9106, section 5.3: Argon2id, m=32, t=3, p=4, with a secret and associated data.
        byte[] tag = Argon2id.hash(
                filled(32, 0x01),
                filled(16, 0x02),
                filled(8, 0x03),
                filled(12, 0x04),
                32,
                3,
                4,
                32,
                new HeapArgon2Memory(Argon2id.blockCount(32, 4)));

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    /**
     * Against Bouncy Castle's independent implementation: lanes (one to four, so references across
     * lanes), passes (one, and more than one for the XOR of version 0x13), memory that is not a
     * multiple of 4 × lanes, segments of more than one address block (m = 1024: 256 blocks a segment),
     * and tags shorter than, equal to and longer than one BLAKE2b output.
     */
    @ParameterizedTest
    @CsvSource({
        "8, 1, 1, 32",
        "64, 1, 1, 32",
        "1024, 2, 1, 32",
        "1031, 3, 1, 16",
        "96, 2, 2, 64",
        "200, 3, 3, 65",
        "256, 2, 4, 128",
        "37, 1, 4, 4",
        "2048, 1, 1, 1024",
    })
    void agreesWithBouncyCastle(int memoryKib, int iterations, int lanes, int tagLength) {
        SplittableRandom random = new SplittableRandom(memoryKib * 31L + iterations * 7L + lanes);
        for (int trial = 0; trial < 3; trial++) {
            byte[] password = bytes(random, random.nextInt(0, 40));
            byte[] salt = bytes(random, random.nextInt(8, 33));
            byte[] secret = trial == 2 ? bytes(random, 16) : new byte[0];
            byte[] associated = trial == 2 ? bytes(random, 9) : new byte[0];

            byte[] ours = Argon2id.hash(
                    password,
                    salt,
                    secret,
                    associated,
                    memoryKib,
                    iterations,
                    lanes,
                    tagLength,
                    new HeapArgon2Memory(Argon2id.blockCount(memoryKib, lanes)));

            var generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKib)
                    .withIterations(iterations)
                    .withParallelism(lanes)
                    .withSalt(salt)
                    .withSecret(secret)
                    .withAdditional(associated)
                    .build());
            byte[] theirs = new byte[tagLength];
            generator.generateBytes(password, theirs);

            assertThat(ours).as("trial %d", trial).isEqualTo(theirs);
        }
    }

    @Test
    void givesTheSameTagInMemoryLargerThanItNeedsAndAfterAWipe() {
        byte[] password = filled(12, 0x41);
        byte[] salt = filled(16, 0x53);
        byte[] exact = Argon2id.hash(password, salt, new byte[0], new byte[0], 64, 2, 1, 32, new HeapArgon2Memory(64));

        HeapArgon2Memory larger = new HeapArgon2Memory(200);
        byte[] first = Argon2id.hash(password, salt, new byte[0], new byte[0], 64, 2, 1, 32, larger);
        larger.wipe();
        byte[] again = Argon2id.hash(password, salt, new byte[0], new byte[0], 64, 2, 1, 32, larger);

        assertThat(first).isEqualTo(exact);
        assertThat(again).isEqualTo(exact);
    }

    @Test
    void wipingLeavesOnlyZeros() {
        HeapArgon2Memory memory = new HeapArgon2Memory(16);
        Argon2id.hash(filled(8, 1), filled(16, 2), new byte[0], new byte[0], 16, 1, 1, 32, memory);
        long[] block = new long[Argon2id.BLOCK_LONGS];
        memory.read(5, block);
        assertThat(block).as("filled by the hash").isNotEqualTo(new long[Argon2id.BLOCK_LONGS]);

        memory.wipe();

        for (int i = 0; i < memory.blocks(); i++) {
            memory.read(i, block);
            assertThat(block).isEqualTo(new long[Argon2id.BLOCK_LONGS]);
        }
    }

    @Test
    void refusesMemoryTooSmallForTheCost() {
        assertThatThrownBy(() -> Argon2id.hash(
                        filled(8, 1), filled(16, 2), new byte[0], new byte[0], 64, 1, 1, 32, new HeapArgon2Memory(63)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 needed");
    }

    @Test
    void roundsMemoryDownToWholeSegmentsAndUpToTheMinimum() {
        assertThat(Argon2id.blockCount(19_456, 1)).isEqualTo(19_456);
        assertThat(Argon2id.blockCount(1031, 3)).isEqualTo(1020);
        assertThat(Argon2id.blockCount(8, 2)).isEqualTo(16);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
