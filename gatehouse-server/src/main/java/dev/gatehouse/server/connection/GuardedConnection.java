package dev.gatehouse.server.connection;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.spi.ServerConnection;
import java.time.Duration;

/** Helidon's HTTP/1.1 connection, which gives its place back to the guard when it ends. */
final class GuardedConnection implements ServerConnection, InterruptableTask<Void> {
    private final ServerConnection delegate;
    private final Runnable ended;

    GuardedConnection(ServerConnection delegate, Runnable ended) {
        this.delegate = delegate;
        this.ended = ended;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        try {
            delegate.handle(limit);
        } finally {
            ended.run();
        }
    }

    @Override
    public Duration idleTime() {
        return delegate.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        delegate.close(interrupt);
    }

    /** As Helidon's own: interruptible only while it waits for a request line, so shutdown is graceful. */
    @Override
    public boolean canInterrupt() {
        return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
    }
}
