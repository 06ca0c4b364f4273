package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One writer thread that commits whatever writes are waiting as one transaction and one fsync, then
 * answers each of them.
 *
 * <p>SQLite has one writer at a time and, with {@code synchronous=FULL}, an fsync per commit: with a
 * transaction per write, requests queue on the disk one at a time. Here a write waits while the batch
 * before it commits, then commits with everything that arrived meanwhile, so the fsyncs per second stay
 * the same while the writes per second grow with the load. Nothing is answered before its batch is
 * durable: a killed process loses only writes nobody was told had happened.
 *
 * <p>Each write runs in a savepoint of its own, so a failing write (a constraint, a bug) is rolled
 * back alone and fails only its own request. A write may be a whole group of store calls (a rotation
 * and its audit event): it runs here, on the writer's thread, because handing the connection to the
 * request's thread and back costs two thread wake-ups per group, which under CPU contention took
 * milliseconds each and serialised the batch behind them.
 */
final class GroupCommit implements WritePath {
    /** Bounds one transaction's size, and so the wait of the writes behind it. */
    static final int MAX_BATCH = 256;

    private final DataSource dataSource;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile Consumer<BatchCommitted> onCommit = batch -> {};
    private volatile boolean closed; // set under the lock of enqueue

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.writer =
                Thread.ofPlatform().name("gatehouse-group-commit").daemon().unstarted(this::run);
        writer.start();
    }

    /** Writes queued for the next batch, not counting the batch being committed: a gauge. */
    int waiting() {
        return queue.size();
    }

    void onCommit(Consumer<BatchCommitted> listener) {
        this.onCommit = listener;
    }

    /** A write waiting for its batch, and what became of it. */
    private static final class Write<T> {
        final Jdbc.Work<T> work;
        final CompletableFuture<T> durable = new CompletableFuture<>();
        T result;
        Throwable failure;

        Write(Jdbc.Work<T> work) {
            this.work = work;
        }

        void finish() {
            if (failure == null) {
                durable.complete(result);
            } else {
                durable.completeExceptionally(failure);
            }
        }
    }

    @Override
    public <T> T write(Jdbc.Work<T> work) {
        return awaitDurable(enqueue(new Write<>(work)));
    }

    private <T> Write<T> enqueue(Write<T> write) {
        // Under the lock that close() takes: once closed is seen, no write can slip in behind the last batch.
        synchronized (this) {
            if (closed) {
                throw new StoreUnavailableException("the store is closed", null);
            }
            queue.add(write);
        }
        return write;
    }

    private static <T> T awaitDurable(Write<T> write) {
        try {
            // Uninterruptible on purpose: a write already handed over is committed or failed, never abandoned.
            return write.durable.join();
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof SQLException sql) {
            return Jdbc.failure("write", sql);
        }
        return new StoreUnavailableException("write failed", cause);
    }

    private void run() {
        List<Write<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!(closed && queue.isEmpty())) {
            try {
                // A bounded wait, so that a close() is noticed without interrupting a batch in progress.
                Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.forEach(Write::finish);
            batch.clear();
        }
    }

    private void commit(List<Write<?>> batch) {
        long start = System.nanoTime();
        int failed = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Write<?> write : batch) {
                    if (!runInSavepoint(connection, write, batch.size() > 1)) {
                        failed++;
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                failAll(batch, e);
                failed = batch.size();
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException | RuntimeException e) {
            failAll(batch, e);
            failed = batch.size();
        }
        try {
            onCommit.accept(new BatchCommitted(batch.size(), failed, Duration.ofNanos(System.nanoTime() - start)));
        } catch (RuntimeException ignored) {
            // A metrics listener must never stop the writer.
        }
    }

    /** False when the write failed and was rolled back alone. */
    private static <T> boolean runInSavepoint(Connection connection, Write<T> write, boolean shared)
            throws SQLException {
        Savepoint savepoint = shared ? connection.setSavepoint() : null;
        try {
            write.result = write.work.run(connection);
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            write.failure = e;
            if (savepoint == null) {
                throw e;
            }
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            return false;
        }
    }

    private static void failAll(List<Write<?>> batch, Exception cause) {
        for (Write<?> write : batch) {
            write.result = null;
            if (write.failure == null) {
                write.failure = cause instanceof SQLException sql ? Jdbc.failure("group commit", sql) : cause;
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is closed next; a failed rollback leaves nothing committed.
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Closed or evicted: the pool discards it.
        }
    }

    /** Commits what is waiting, then stops the writer; later writes are refused. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
