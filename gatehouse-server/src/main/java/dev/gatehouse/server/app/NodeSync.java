package dev.gatehouse.server.app;

import dev.gatehouse.core.revocation.RevocationFollower;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this node in step with revocations made on the others: the follower reads the shared feed
 * every {@link #POLL_INTERVAL} (the bound when Redis is away) and at once whenever Redis brings
 * news. Reads are coalesced, so a burst of news costs one query.
 */
final class NodeSync implements AutoCloseable {
    /** The longest a revocation on another node goes unseen here without Redis. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private static final System.Logger LOG = System.getLogger("gatehouse.sync");

    private final RevocationFollower follower;
    private final Runnable afterNews;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private volatile boolean failing;

    NodeSync(RevocationFollower follower, Runnable afterNews) {
        this.follower = follower;
        this.afterNews = afterNews;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gatehouse-node-sync").factory());
    }

    /** Catches up once now (so a starting node knows every live revocation), then keeps following. */
    void start() {
        catchUp();
        executor.scheduleWithFixedDelay(
                this::catchUp, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** There is news (Redis said so): read the feed now rather than at the next poll. */
    void wake() {
        if (readQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    readQueued.set(false);
                    catchUp();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                readQueued.set(false); // closing
            }
        }
    }

    private void catchUp() {
        try {
            if (follower.catchUp() > 0) {
                afterNews.run();
            }
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "following the revocation feed again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "cannot read the revocation feed (will retry): " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
