package dev.gatehouse.bench.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One thread driving a share of a closed-loop run's connections, each sending its next request as soon
 * as its last is answered, all over one selector: the design of {@code wrk} (two threads by default),
 * which the side-by-side runs used.
 *
 * <p>Why not a thread for each connection, as the suite had: on a 2-core machine the generator shares
 * the cores with the server, and 32 threads woken by the operating system on every answer took the
 * server's carriers off their cores at random and served some connections far more often than others.
 * With client credentials at saturation, the same server measured p50 1.5-1.9 and p99 22-28 ms through
 * 32 threads, and p50 3.4-3.5 and p99 13-14.5 ms through {@code wrk -t2 -c32} (docs/benchmarks.md).
 */
final class ConnectionLoop implements Runnable {
    /** As long as the last requests may take to be answered once the window has closed. */
    private static final long STRAGGLERS_NANOS = 60_000_000_000L;

    private final List<Slot> slots = new ArrayList<>();
    private final Histogram histogram;
    private final LoadRun.Window window;
    private final LoadRun.Errors errors;
    private final Selector selector;

    /** One connection and what it is doing: waiting for its answer or for its turn to send. */
    private static final class Slot {
        final HttpConnection connection;
        final Workload.Caller caller;
        SelectionKey key;
        long start;
        boolean timed;
        boolean answering;

        Slot(HttpConnection connection, Workload.Caller caller) {
            this.connection = connection;
            this.caller = caller;
        }
    }

    ConnectionLoop(Histogram histogram, LoadRun.Window window, LoadRun.Errors errors) throws IOException {
        this.histogram = histogram;
        this.window = window;
        this.errors = errors;
        this.selector = Selector.open();
    }

    /** Adds a connection that has its state (logged in, and so on); before the run starts. */
    void add(HttpConnection connection, Workload.Caller caller) {
        slots.add(new Slot(connection, caller));
    }

    @Override
    public void run() {
        try (selector) {
            for (Slot slot : slots) {
                send(slot);
            }
            while (anyAnswering() && System.nanoTime() < window.end() + STRAGGLERS_NANOS) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Slot slot = (Slot) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        flush(slot);
                    } else if (key.isValid() && key.isReadable()) {
                        receive(slot);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            slots.forEach(slot -> slot.connection.close());
        }
    }

    private boolean anyAnswering() {
        for (Slot slot : slots) {
            if (slot.answering) {
                return true;
            }
        }
        return false;
    }

    /** Sends the slot's next request unless the window has closed; a failed send counts as an error. */
    private void send(Slot slot) {
        while (true) {
            byte[] request = slot.caller.next();
            slot.timed = slot.caller.timed();
            slot.start = System.nanoTime();
            if (slot.start >= window.end()) {
                slot.answering = false;
                if (slot.key != null && slot.key.isValid()) {
                    slot.key.interestOps(0);
                }
                return;
            }
            slot.answering = true;
            try {
                if (!slot.connection.isOpen() || slot.key == null || !slot.key.isValid()) {
                    slot.key = slot.connection.nonBlocking().register(selector, 0, slot);
                }
                boolean sent = slot.connection.send(request);
                slot.key.interestOps(sent ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                return;
            } catch (IOException | RuntimeException e) {
                failed(slot, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void flush(Slot slot) {
        try {
            if (slot.connection.flush()) {
                slot.key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException | RuntimeException e) {
            failed(slot, e.getClass().getSimpleName() + ": " + e.getMessage());
            send(slot);
        }
    }

    /** Reads what the slot's socket has; once its answer is whole, records it and sends the next request. */
    private void receive(Slot slot) {
        String failure;
        try {
            HttpConnection.Response response = slot.connection.receive();
            if (response == null) {
                return;
            }
            failure = slot.caller.accept(response) ? null : "HTTP " + response.status();
        } catch (IOException | RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (failure != null) {
            failed(slot, failure);
        } else if (slot.timed && slot.start >= window.start()) {
            histogram.recordValue(LoadRun.micros(System.nanoTime() - slot.start));
        }
        if (!slot.connection.isOpen() && slot.key != null) {
            slot.key.cancel();
        }
        send(slot);
    }

    /**
     * Counts a failure inside the window, of a timed request or one preparing it; the connection is
     * opened again for the next.
     */
    private void failed(Slot slot, String failure) {
        if (slot.start >= window.start()) {
            errors.add(failure);
        }
        slot.connection.close();
        if (slot.key != null) {
            slot.key.cancel();
        }
        // Pause a little so that a server refusing connections is not hammered in a tight loop.
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
}
