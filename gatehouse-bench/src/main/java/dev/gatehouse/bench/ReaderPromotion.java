package dev.gatehouse.bench;

import io.helidon.common.buffers.DataReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.Arrays;

/**
 * Shows how much of what one keep-alive connection receives ends up in the old generation, with the
 * serial collector the launcher chooses, as Helidon 4.5's {@link DataReader} holds it.
 *
 * <p>The reader keeps the bytes it has pulled as a singly linked list and drops a consumed node by moving
 * its head on, leaving the dropped node's link to the next one in place. While a connection waits for
 * its next request, the node it read last stays referenced (head and tail) and, once the rest of the
 * server has made enough young collections, is promoted. From then on that dead node, which only a full
 * collection removes, links to the first node of the next request; a young collection takes everything
 * an old object links to as live, so each node is kept through collections by the one before it until
 * it is promoted too, and the chain goes on: every byte the connection receives is tenured (the
 * collector's "nepotism"). A full collection leaves each connection's current node in the old
 * generation, so the next request starts the chain again.
 *
 * <p>Two readers pull the same bytes here, chunk by chunk as a socket would give them: one made just
 * before (its nodes young) and one that first waited through 20 young collections, as a connection
 * between two requests of a busy server does. Printed: the old generation's growth for each, without
 * a full collection in between. Run: {@code java -XX:+UseSerialGC -Xmx256m -Xmn32m -cp
 * gatehouse-bench/target/benchmarks.jar dev.gatehouse.bench.ReaderPromotion [chunks]}.
 */
public final class ReaderPromotion {
    private static final int CHUNK_BYTES = 600; // about one introspection request
    private static final int GARBAGE_BYTES = 64 * 1024;

    /** Where the garbage goes, so that the JIT cannot drop its allocation. */
    private static volatile Object sink;

    private ReaderPromotion() {}

    public static void main(String[] args) {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        MemoryPoolMXBean old = oldGeneration();
        System.gc();
        System.out.printf(
                "fresh reader:   old generation +%,d KiB for %,d KiB received%n",
                oldGrowth(old, fresh(), chunks) / 1024, (long) chunks * CHUNK_BYTES / 1024);
        System.gc();
        DataReader waited = fresh();
        waitThroughYoungCollections(20);
        System.out.printf(
                "waited reader:  old generation +%,d KiB for %,d KiB received%n",
                oldGrowth(old, waited, chunks) / 1024, (long) chunks * CHUNK_BYTES / 1024);
    }

    /** A reader that has pulled and consumed one chunk, as after a first request. */
    private static DataReader fresh() {
        DataReader reader = DataReader.create(() -> {
            byte[] chunk = new byte[CHUNK_BYTES];
            Arrays.fill(chunk, (byte) 'a');
            return chunk;
        });
        reader.ensureAvailable();
        reader.readBytes(reader.available());
        return reader;
    }

    /** Pulls and consumes {@code chunks} chunks; the old generation's growth meanwhile, in bytes. */
    private static long oldGrowth(MemoryPoolMXBean old, DataReader reader, int chunks) {
        long before = old.getUsage().getUsed();
        long sum = 0;
        for (int i = 0; i < chunks; i++) {
            reader.ensureAvailable();
            sum += reader.readBytes(reader.available()).length;
            // What the rest of a request allocates, so that young collections come as they would.
            sink = new byte[GARBAGE_BYTES];
        }
        if (sum != (long) chunks * CHUNK_BYTES) {
            throw new IllegalStateException("read " + sum + " bytes");
        }
        return old.getUsage().getUsed() - before;
    }

    private static void waitThroughYoungCollections(int collections) {
        long start = youngCollections();
        while (youngCollections() < start + collections) {
            sink = new byte[GARBAGE_BYTES];
        }
    }

    private static long youngCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().equals("Copy"))
                .mapToLong(gc -> gc.getCollectionCount())
                .sum();
    }

    private static MemoryPoolMXBean oldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Tenured Gen"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("run with -XX:+UseSerialGC"));
    }
}
