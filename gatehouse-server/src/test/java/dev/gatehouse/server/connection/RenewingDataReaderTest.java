package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.buffers.DataReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The renewing reader reads what Helidon's reader reads, however the bytes are cut into chunks, and
 * keeps a long-lived connection's bytes out of the old generation, which Helidon's does not.
 */
class RenewingDataReaderTest {
    /** Two pipelined requests, the first with a body, cut at every place a socket might cut them. */
    private static final String REQUESTS = "POST /oauth2/introspect HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n"
            + "token=x" + "GET /v1/me HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void readsTheSameAsHelidonsReaderWhereverTheChunksEnd() {
        byte[] all = REQUESTS.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < all.length; cut++) {
            for (int size : new int[] {1, 2, 3, 7, 64}) {
                List<byte[]> chunks = cutAt(all, cut, size);
                assertThat(parse(new RenewingDataReader(supplier(chunks))))
                        .as("cut at %d, then chunks of %d", cut, size)
                        .isEqualTo(parse(DataReader.create(supplier(chunks))));
            }
        }
    }

    @Test
    void theEndOfTheConnectionIsThrownAsHelidonsReaderThrowsIt() {
        DataReader reader = new RenewingDataReader(supplier(List.of("GET".getBytes(StandardCharsets.US_ASCII))));
        assertThat(reader.readAsciiString(3)).isEqualTo("GET");

        assertThatThrownBy(reader::ensureAvailable).isInstanceOf(DataReader.InsufficientDataAvailableException.class);
    }

    @Test
    void skippingNothingWaitsForNothing() {
        DataReader reader = new RenewingDataReader(() -> {
            throw new AssertionError("no read was needed");
        });

        reader.skip(0);
        assertThat(reader.available()).isZero();
    }

    /** A method Helidon adds in an upgrade would read the unused inherited list: every one is delegated. */
    @Test
    void everyPublicMethodOfHelidonsReaderIsDelegated() throws NoSuchMethodException {
        List<String> missing = new ArrayList<>();
        for (Method method : DataReader.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                Method own = RenewingDataReader.class.getMethod(method.getName(), method.getParameterTypes());
                if (own.getDeclaringClass() != RenewingDataReader.class) {
                    missing.add(method.getName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * In a JVM of its own with the launcher's collector and young generation: a reader that waited
     * through young collections, as a keep-alive connection does between requests, then receives 12 MiB.
     * Helidon's tenures about all of it (the reason this class exists; should a Helidon upgrade stop
     * that, this says so); the renewing reader next to none.
     */
    @Test
    void aConnectionThatWaitedKeepsWhatItReceivesOutOfTheOldGeneration() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-Xmx128m",
                        "-Xmn32m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReaderTenuring.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        String[] figures = output.substring(output.lastIndexOf('\n') + 1).split(" ");
        long received = Long.parseLong(figures[0]);
        long helidonsTenured = Long.parseLong(figures[1]);
        long renewingTenured = Long.parseLong(figures[2]);
        long pipelinedTenured = Long.parseLong(figures[3]);

        assertThat(helidonsTenured).as(output).isGreaterThan(received / 2);
        assertThat(renewingTenured).as(output).isLessThan(received / 20);
        assertThat(pipelinedTenured).as("never found empty: " + output).isLessThan(received / 20);
    }

    /** Every read a request parser makes, in Helidon's HTTP/1.1 order, and what each returned. */
    private static List<String> parse(DataReader reader) {
        List<String> seen = new ArrayList<>();
        for (int request = 0; request < 2; request++) {
            seen.add(String.valueOf(reader.startsWith("POST".getBytes(StandardCharsets.US_ASCII))));
            int end = reader.findNewLine(1024);
            seen.add(new String(reader.readBytes(end), StandardCharsets.US_ASCII));
            reader.skip(2);
            int contentLength = 0;
            while (!reader.startsWithNewLine()) {
                int colon = reader.findOrNewLine((byte) ':', 1024);
                String name = reader.readAsciiString(colon);
                reader.skip(1);
                int lineEnd = reader.findNewLine(1024);
                String value = reader.readLazyString(StandardCharsets.US_ASCII, lineEnd)
                        .stripOws();
                reader.skip(2);
                seen.add(name + "=" + value);
                if (name.equals("Content-Length")) {
                    contentLength = Integer.parseInt(value);
                }
            }
            reader.skip(2);
            if (contentLength > 0) {
                seen.add(String.valueOf(reader.lookup()));
                seen.add(reader.readBuffer(contentLength).readString(contentLength));
            }
        }
        return seen;
    }

    /** {@code all}: its first {@code cut} bytes as one chunk, the rest in chunks of {@code size}. */
    private static List<byte[]> cutAt(byte[] all, int cut, int size) {
        List<byte[]> chunks = new ArrayList<>();
        chunks.add(Arrays.copyOfRange(all, 0, cut));
        for (int from = cut; from < all.length; from += size) {
            chunks.add(Arrays.copyOfRange(all, from, Math.min(all.length, from + size)));
        }
        return chunks;
    }

    private static Supplier<byte[]> supplier(List<byte[]> chunks) {
        Deque<byte[]> left = new ArrayDeque<>(chunks);
        return left::poll;
    }

    /**
     * Prints the bytes received, then the old generation's growth with Helidon's reader and with the
     * renewing one, each having first waited through 20 young collections: run by the test above.
     */
    static final class ReaderTenuring {
        private static final int CHUNK = 600;
        private static final int CHUNKS = 20_000;
        private static volatile Object sink;

        public static void main(String[] args) {
            var old = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().equals("Tenured Gen"))
                    .findFirst()
                    .orElseThrow();
            long helidons = tenured(old, DataReader::create, 0);
            long renewing = tenured(old, RenewingDataReader::new, 0);
            long pipelined = tenured(old, RenewingDataReader::new, 1);
            System.out.println((long) CHUNK * CHUNKS + " " + helidons + " " + renewing + " " + pipelined);
        }

        /**
         * With {@code held} bytes left in the reader at every read, as with a client whose every packet
         * ends partway through a request: no read finds the reader empty.
         */
        private static long tenured(
                java.lang.management.MemoryPoolMXBean old, Function<Supplier<byte[]>, DataReader> make, int held) {
            System.gc();
            DataReader reader = make.apply(() -> new byte[CHUNK]);
            reader.ensureAvailable();
            reader.readBytes(reader.available() - held);
            long collections = youngCollections();
            while (youngCollections() < collections + 20) {
                sink = new byte[64 * 1024];
            }
            long before = old.getUsage().getUsed();
            for (int i = 0; i < CHUNKS; i++) {
                reader.readBytes(CHUNK); // what it held and all but that much of the next chunk
                sink = new byte[16 * 1024]; // the rest of a request's garbage
            }
            return old.getUsage().getUsed() - before;
        }

        private static long youngCollections() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(gc -> gc.getName().equals("Copy"))
                    .mapToLong(gc -> gc.getCollectionCount())
                    .sum();
        }
    }
}
