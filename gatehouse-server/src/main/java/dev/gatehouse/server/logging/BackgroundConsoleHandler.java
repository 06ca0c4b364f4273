package dev.gatehouse.server.logging;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Standard error, written by one background thread. The JDK's {@code ConsoleHandler} writes and
 * flushes every line under one lock on the thread that logs, so every request that logs (each refresh
 * logs its audit event) queued behind every other one's write, and a write that blocks (a slow pipe, a
 * stalled journal) stalled them all.
 *
 * <p>A line is formatted on the logging thread (the request id is only known there), put in a bounded
 * queue, and written with its neighbours in one flush. Nothing is dropped: when the writer falls a whole
 * queue behind, a logging thread waits for room, as it waited for the lock before. Lines still queued
 * when the process is killed outright are lost; the writer keeps the queue near empty, and the audit
 * trail itself is in the store, committed before its line is logged.
 */
public final class BackgroundConsoleHandler extends Handler {
    static final int CAPACITY = 8_192;

    private final BlockingQueue<String> lines;
    private final Thread writer;
    private final AtomicLong queued = new AtomicLong();
    private final Object progress = new Object();
    private long written;
    private volatile boolean closed;

    /** What {@code gatehouse-logging.properties} names: everything on standard error. */
    public BackgroundConsoleHandler() {
        this(CAPACITY);
    }

    BackgroundConsoleHandler(int capacity) {
        this.lines = new ArrayBlockingQueue<>(capacity);
        setLevel(Level.ALL);
        setFormatter(new TextLogFormatter());
        this.writer = Thread.ofPlatform().name("gatehouse-log-writer").daemon().unstarted(this::writeUntilClosed);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        queued.incrementAndGet();
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            // An interrupted request still gets its line out, just on its own thread.
            Thread.currentThread().interrupt();
            write(List.of(line));
            markWritten(1);
        }
    }

    /** Returns once every line published before the call is on standard error. */
    @Override
    public void flush() {
        long target = queued.get();
        synchronized (progress) {
            while (written < target && writer.isAlive()) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes what is queued, then stops the writer; later lines are ignored. */
    @Override
    public void close() {
        closed = true;
        flush();
        writer.interrupt();
    }

    private void writeUntilClosed() {
        List<String> batch = new ArrayList<>();
        while (!closed || !lines.isEmpty()) {
            try {
                String first = lines.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                if (lines.isEmpty()) {
                    return;
                }
            }
            lines.drainTo(batch);
            write(batch);
            markWritten(batch.size());
            batch.clear();
        }
    }

    private void write(List<String> batch) {
        // System.err as it is now, so that a test or tool that replaced it sees the lines.
        PrintStream err = System.err;
        try {
            for (String line : batch) {
                err.print(line);
            }
            err.flush();
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void markWritten(int count) {
        synchronized (progress) {
            written += count;
            progress.notifyAll();
        }
    }
}
