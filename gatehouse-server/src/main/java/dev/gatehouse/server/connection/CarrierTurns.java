package dev.gatehouse.server.connection;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * When a connection's thread, having kept its carrier for a while, lets the other connections' ready
 * requests run before it reads its next request.
 *
 * <p>Virtual threads are not time-sliced: one keeps its carrier until it parks. A connection whose
 * client has the next request in the socket when the answer goes out (a fast client, a load
 * generator, one that pipelines) never parks in its reads, so its thread answered request after
 * request while the requests of other connections, woken and ready, waited for a carrier. At
 * saturation with 32 connections on 2 cores that gave p50s under 0.3 ms beside p99s of 16-113 ms and
 * maxima of seconds, and a light client beside a flood waited 250-290 ms for its median answer.
 *
 * <p>So a connection's thread that has run for a whole {@linkplain #SLICE_NANOS slice} since it last
 * waited for its client takes a turn as its next request starts (read from the socket or already
 * buffered, as a pipelining client's are). A read that waits (the client had sent
 * nothing yet: most connections, most of the time) starts a new slice, so a connection that is not
 * saturating the server never takes a turn.
 */
final class CarrierTurns {
    /**
     * How long a connection's thread may keep its carrier before it takes a turn: one to a few ordinary
     * requests. Shorter is fairer and costs more turns (each a trip through the JDK's timer thread).
     * Load suite, 32 connections on 2 cores, p99 of /v1/me and introspection at saturation: 7-8 ms with
     * 0.25 ms, 10-11 ms with 0.5 ms, 18-19 ms with 1 ms, 16-31 ms without turns.
     */
    static final long SLICE_NANOS = 250_000;

    /**
     * A read that took longer than this waited for the client (parked until the socket poller saw its
     * data). A read of data already in the socket is a system call of a few microseconds.
     */
    static final long WAITED_NANOS = 50_000;

    private final LongSupplier nanoTime;
    private long runningSince;

    CarrierTurns(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.runningSince = nanoTime.getAsLong();
    }

    /** As a request starts: takes a turn when this thread has used up its slice; true when it did. */
    boolean takeTurnIfDue() {
        if (nanoTime.getAsLong() - runningSince < SLICE_NANOS) {
            return false;
        }
        takeTurn();
        runningSince = nanoTime.getAsLong();
        return true;
    }

    /** Before a read from the socket: its start, for {@link #readFinished}. */
    long readStarting() {
        return nanoTime.getAsLong();
    }

    /** After a read that started at {@code startedAt}: one that waited for the client starts a new slice. */
    void readFinished(long startedAt) {
        long now = nanoTime.getAsLong();
        if (now - startedAt >= WAITED_NANOS) {
            runningSince = now;
        }
    }

    /**
     * Gives the carrier to the threads that are ready, and returns when this one's turn comes again.
     *
     * <p>A timed park, not {@link Thread#yield}: a yielding virtual thread goes back on its carrier's own
     * queue, and a carrier empties that queue before it looks at the queue where threads woken from
     * outside the pool wait (the socket poller wakes every connection whose client sent something). So
     * connections taking turns by yielding kept each other going and starved every connection woken by
     * the poller: a light client's p99 beside a flood was 0.3-0.7 s, and {@code TakingTurnsTest} failed.
     * A timed park is ended by the JDK's timer, which hands the thread back to the pool from outside,
     * as the poller does. The cost, a trip through the timer thread, is why turns are taken once a
     * slice rather than once a request: taken before every read they cost a third of the throughput
     * or more.
     */
    private static void takeTurn() {
        if (Thread.currentThread().isVirtual()) {
            LockSupport.parkNanos(1);
        }
    }
}
