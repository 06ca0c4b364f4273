package dev.gatehouse.core.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code concurrent} hashes at once (one per core: more only share the cores and make each
 * slower) with at most {@code queue} more waiting; past that, {@link HashingBusyException} at once. So a
 * flood of logins costs each caller at most a queue's worth of waiting, memory stays bounded, and the
 * requests that need no hash (a cookie check, {@code /v1/me}) keep the cores they need.
 */
public final class BoundedPasswordHasher implements PasswordHasher {
    /** What a refused caller is told to wait: about the time the queue takes to drain. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher hasher;
    private final Semaphore running;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public BoundedPasswordHasher(PasswordHasher hasher, int concurrent, int queue) {
        if (concurrent < 1 || queue < 0) {
            throw new IllegalArgumentException("hashing needs at least one slot and a queue of 0 or more");
        }
        this.hasher = hasher;
        this.running = new Semaphore(concurrent, true);
        this.maxWaiting = queue;
    }

    /** One slot per core, and a queue of eight hashes per core (at most ≈ 8 hash times, ~0.3 s, of waiting). */
    public static BoundedPasswordHasher sizedToTheMachine(PasswordHasher hasher) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new BoundedPasswordHasher(hasher, cores, 8 * cores);
    }

    @Override
    public PasswordHash hash(Password password) {
        enter();
        try {
            return hasher.hash(password);
        } finally {
            running.release();
        }
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        enter();
        try {
            return hasher.verify(password, hash);
        } finally {
            running.release();
        }
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return hasher.needsRehash(hash);
    }

    /** How many callers wait for a slot now (for metrics). */
    public int waiting() {
        return waiting.get();
    }

    private void enter() {
        if (running.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new HashingBusyException(RETRY_AFTER);
        }
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingBusyException(RETRY_AFTER);
        } finally {
            waiting.decrementAndGet();
        }
    }
}
