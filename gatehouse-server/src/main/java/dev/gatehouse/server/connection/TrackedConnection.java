package dev.gatehouse.server.connection;

import dev.gatehouse.server.http.GatehouseRouting;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * What one connection is doing and since when, as its own thread reports it, and the rules that say
 * when the client has been too slow. The connection's thread writes; the guard's sweeper reads.
 */
final class TrackedConnection {
    /** Bytes a second a body must arrive at, averaged over the time the server waits for it. */
    static final long MIN_BODY_BYTES_PER_SECOND = 500;

    /**
     * Most bytes of one request's body that earn it waiting time: twice the largest body, room for its
     * chunked framing. Past that, bytes are framing only (a chunk line of leading zeros, one-byte
     * chunks), and would otherwise buy hours of waiting for a few megabytes sent at once.
     */
    static final long MAX_CREDITED_BODY_BYTES = 2 * GatehouseRouting.MAX_PAYLOAD_BYTES;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    enum Phase {
        /**
         * Between requests, or before the first, or after an answer while Helidon reads what is left of
         * its request's body: the idle timeout applies.
         */
        WAITING,
        /** A request has begun and its header is not complete: the read timeout applies. */
        HEADER,
        /** The header is in; the body, if any, must keep up the minimum data rate. */
        BODY,
        /** The answer is being written: none of the client's rules apply except taking it. */
        RESPONDING
    }

    private final String address;
    private final boolean countedPerAddress;
    private final Runnable closer;
    private final LongSupplier nanoTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile Phase phase = Phase.WAITING;
    private volatile long phaseSince;
    private volatile long readingSince;
    private volatile long writingSince;
    private volatile long bodyBytes;
    private volatile long bodyWaitedNanos;
    private volatile boolean closeAfterResponse;

    TrackedConnection(String address, boolean countedPerAddress, Runnable closer, LongSupplier nanoTime) {
        this.address = address;
        this.countedPerAddress = countedPerAddress;
        this.closer = closer;
        this.nanoTime = nanoTime;
        this.phaseSince = nanoTime.getAsLong();
    }

    /** The address it counts under (IPv6 by /64). */
    String address() {
        return address;
    }

    /** False for a trusted proxy, which speaks for many clients and counts only toward the total. */
    boolean countedPerAddress() {
        return countedPerAddress;
    }

    Phase phase() {
        return phase;
    }

    /** Waiting for a request, or for the rest of its header: nothing is lost by closing it. */
    boolean awaitsRequest() {
        Phase now = phase;
        return now == Phase.WAITING || now == Phase.HEADER;
    }

    /**
     * Waiting for the rest of its request's body, with no answer under way: closing it loses only a
     * request its client is slow to send, so at a cap it may make room as one awaiting a request may:
     * an outside test held the whole cap with bodies sent just above the minimum rate, which kept every
     * connection "busy", and every newcomer, health checks included, got 503.
     */
    boolean awaitsBody() {
        return phase == Phase.BODY && readingSince != 0;
    }

    /** When it entered its phase, in {@link System#nanoTime()} terms. */
    long phaseSince() {
        return phaseSince;
    }

    /**
     * The server is about to wait for the client; false when it must not, because the answer just
     * sent said {@code Connection: close} and the connection is to end (RFC 9112, section 9.6), which
     * Helidon 4.5 leaves to the client.
     */
    boolean readStarting() {
        long now = nanoTime.getAsLong();
        if (phase == Phase.RESPONDING) {
            if (closeAfterResponse) {
                return false;
            }
            enter(Phase.WAITING, now);
        }
        readingSince = now;
        return true;
    }

    void readFinished(int bytes) {
        long now = nanoTime.getAsLong();
        long waited = now - readingSince;
        readingSince = 0;
        if (bytes <= 0) {
            return;
        }
        if (phase == Phase.WAITING) {
            enter(Phase.HEADER, now);
        } else if (phase == Phase.BODY) {
            bodyBytes += bytes;
            bodyWaitedNanos += waited;
        }
    }

    /** The request line was read; a request already buffered starts its header clock here. */
    void requestStarted() {
        if (phase != Phase.HEADER) {
            enter(Phase.HEADER, nanoTime.getAsLong());
        }
    }

    void headerRead() {
        bodyBytes = 0;
        bodyWaitedNanos = 0;
        enter(Phase.BODY, nanoTime.getAsLong());
    }

    /** The request or its answer said {@code Connection: close}. */
    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    void responseStarted() {
        enter(Phase.RESPONDING, nanoTime.getAsLong());
    }

    void writeStarting() {
        writingSince = nanoTime.getAsLong();
    }

    void writeFinished() {
        writingSince = 0;
    }

    /**
     * Why the client has been too slow, if it has: nothing sent for {@code idleTimeout} while a request
     * is awaited; a header not complete within {@code readTimeout} of its first byte; a body awaited
     * longer than {@code readTimeout} plus a second for every {@value #MIN_BODY_BYTES_PER_SECOND} bytes
     * received (at most {@link #MAX_CREDITED_BODY_BYTES} count); a response it has taken none of for
     * {@code idleTimeout}.
     *
     * <p>Helidon closes idle connections too, but only by interrupting a thread that waits for a
     * request line: after an answer given before the request's body was read, Helidon reads the rest of
     * the body to keep the connection, and a client that never sends it would hold the connection for
     * good.
     */
    Optional<String> overdue(Duration readTimeout, Duration idleTimeout) {
        long now = nanoTime.getAsLong();
        long writing = writingSince;
        if (writing != 0 && now - writing > idleTimeout.toNanos()) {
            return Optional.of("took none of a response for " + millis(now - writing) + " ms; allowed "
                    + idleTimeout.toMillis() + " ms");
        }
        switch (phase) {
            case WAITING -> {
                long idle = now - phaseSince;
                if (idle > idleTimeout.toNanos()) {
                    return Optional.of(
                            "sent nothing for " + millis(idle) + " ms; allowed " + idleTimeout.toMillis() + " ms");
                }
            }
            case HEADER -> {
                long spent = now - phaseSince;
                if (spent > readTimeout.toNanos()) {
                    return Optional.of("sent no whole request header in " + millis(spent) + " ms; allowed "
                            + readTimeout.toMillis() + " ms");
                }
            }
            case BODY -> {
                long reading = readingSince;
                if (reading != 0) {
                    long waited = bodyWaitedNanos + (now - reading);
                    long received = bodyBytes;
                    long credited = Math.min(received, MAX_CREDITED_BODY_BYTES);
                    long allowed = readTimeout.toNanos() + credited * NANOS_PER_SECOND / MIN_BODY_BYTES_PER_SECOND;
                    if (waited > allowed) {
                        return Optional.of("sent " + received + " bytes of a body in " + millis(waited)
                                + " ms of waiting; allowed " + millis(allowed) + " ms for that many");
                    }
                }
            }
            default -> {
                // RESPONDING is covered by the write rule above
            }
        }
        return Optional.empty();
    }

    /** Closes the socket under the connection's thread, which then ends; true the first time. */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        try {
            closer.run();
        } catch (RuntimeException e) {
            // the client closed it first: the end we wanted
        }
        return true;
    }

    private void enter(Phase next, long now) {
        phaseSince = now;
        phase = next;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
