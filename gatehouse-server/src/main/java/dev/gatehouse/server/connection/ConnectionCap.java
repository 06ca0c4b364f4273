package dev.gatehouse.server.connection;

import dev.gatehouse.core.GatehouseException;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How many connections the server holds at once: as configured, or ({@code auto}) as many as the
 * open-file limit and the heap leave room for. Either way the number, plus {@link #REFUSAL_HEADROOM} sockets for
 * answering 503 past it, must fit in the descriptors left after those open at start and a reserve for
 * what opens later: an {@code accept} that finds no descriptor left costs Helidon its listener.
 */
public final class ConnectionCap {
    /** Descriptors kept for what opens after start: log files, jars, database files, Redis. */
    static final int RESERVE = 64;
    /** Sockets beyond the cap, held for a moment each while they are answered 503 or made room for. */
    public static final int REFUSAL_HEADROOM = 16;
    /** {@code auto} never holds more than this many; set a number to go higher. */
    static final int AUTO_CEILING = 10_000;

    static final int MINIMUM = 8;

    /**
     * Heap an open connection may hold, for {@code auto}: an outside test measured about 19 KiB for an
     * idle one and 40 KiB for one that has served requests. With the launcher's 168 MiB heap, 8,000 idle
     * connections (from 160 addresses, under the per-address cap) ran the server out of memory, and
     * 4,000 busy ones kept the collector running full collections eight times a second. A body still
     * arriving holds more: 1,265 connections each holding 62,000 bytes of a 64 KiB body filled the 136 MiB
     * old generation with live data (about 109 KiB a connection) at 64 KiB here.
     */
    static final long HEAP_PER_CONNECTION = 128 * 1024;

    /** Connections may take this share of the heap; the rest is Gatehouse's own (hashing, caches). */
    static final double HEAP_SHARE_FOR_CONNECTIONS = 0.5;

    private ConnectionCap() {}

    /**
     * The cap, given the configured value (empty for {@code auto}), the database connections this node
     * may still open, the process's open-file limit and open descriptors where the platform says, and
     * the heap's bound ({@link Runtime#maxMemory()}). A configured cap is taken whatever the heap: the
     * operator who sets one sizes the heap for it (docs/operations.md).
     *
     * @throws GatehouseException when the descriptors cannot hold the configured cap, or {@value #MINIMUM}
     */
    public static int resolve(
            OptionalInt configured, int databaseConnections, OptionalLong limit, OptionalLong open, long maxHeap) {
        int automatic = (int) Math.max(
                MINIMUM, Math.min(AUTO_CEILING, (long) (maxHeap * HEAP_SHARE_FOR_CONNECTIONS) / HEAP_PER_CONNECTION));
        if (limit.isEmpty() || open.isEmpty()) {
            return configured.orElse(automatic);
        }
        long reserve = RESERVE + databaseConnections;
        long room = limit.getAsLong() - open.getAsLong() - reserve - REFUSAL_HEADROOM;
        String budget = "the open-file limit (" + limit.getAsLong() + ") less the " + open.getAsLong()
                + " descriptors open at start, " + reserve + " held in reserve and " + REFUSAL_HEADROOM
                + " for refusals leaves room for " + Math.max(room, 0) + " connections";
        if (configured.isPresent() && configured.getAsInt() > room) {
            throw new GatehouseException("GATEHOUSE_MAX_CONNECTIONS=" + configured.getAsInt() + " does not fit: "
                    + budget + ". Raise the limit (ulimit -n, systemd LimitNOFILE=) or lower the setting");
        }
        if (configured.isEmpty() && room < MINIMUM) {
            throw new GatehouseException("GATEHOUSE_MAX_CONNECTIONS=auto: " + budget + "; at least " + MINIMUM
                    + " are needed. Raise the limit (ulimit -n, systemd LimitNOFILE=)");
        }
        return configured.orElse((int) Math.min(room, automatic));
    }
}
