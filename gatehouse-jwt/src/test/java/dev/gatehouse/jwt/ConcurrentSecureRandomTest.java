package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentSecureRandomTest {
    private final SecureRandom random = ConcurrentSecureRandom.get();

    @Test
    void spreadsDrawsOverSeveralDeterministicRandomBitGenerators() {
        assertThat(random.getAlgorithm()).isEqualTo("DRBG");
        assertThat(((ConcurrentSecureRandom) random).generatorCount()).isGreaterThanOrEqualTo(8);
    }

    /** Generators seeded alike, or a draw shared between threads, would repeat values. */
    @Test
    void manyThreadsDrawingAtOnceNeverGetTheSameBytes() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<?>> draws = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 64; t++) {
                draws.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] bytes = new byte[16];
                        random.nextBytes(bytes);
                        seen.add(HexFormat.of().formatHex(bytes));
                    }
                }));
            }
            for (Future<?> draw : draws) {
                draw.get();
            }
        }

        assertThat(seen).hasSize(64 * 500);
    }

    @Test
    void looksUniformOverManyBytes() {
        byte[] bytes = new byte[1 << 16];
        random.nextBytes(bytes);
        int ones = 0;
        for (byte b : bytes) {
            ones += Integer.bitCount(b & 0xff);
        }

        // 524,288 bits: half is 262,144, one standard deviation 362; this allows 7 either way.
        assertThat(ones).isBetween(259_600, 264_700);
    }

    @Test
    void theNumberMethodsDrawFromTheGenerators() {
        Set<Long> longs = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 1_000; i++) {
            longs.add(random.nextLong());
        }

        assertThat(longs).hasSize(1_000);
        assertThat(random.nextInt(10)).isBetween(0, 9);
    }

    @Test
    void isNeverSerialized() {
        assertThatThrownBy(() -> new ObjectOutputStream(OutputStream.nullOutputStream()).writeObject(random))
                .isInstanceOf(NotSerializableException.class);
    }
}
