package dev.gatehouse.core.account;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Runs at most {@code concurrent} hashes at once (one per core: more only share the cores and make each
 * slower) with at most {@code queue} more waiting; past that, {@link HashingBusyException} at once. So a
 * flood of logins costs each caller at most a queue's worth of waiting, memory stays bounded, and the
 * requests that need no hash (a cookie check, {@code /v1/me}) keep the cores they need.
 *
 * <p>The hashes themselves run on platform threads of their own, one per slot, while the caller waits.
 * Requests run on virtual threads, and a virtual thread that computes never gives its carrier back:
 * with one carrier per core, two hashes on the callers' own threads held every carrier, and a
 * {@code /v1/me} waited behind a flood of logins for seconds. On threads of their own, the operating
 * system shares the cores between the hashes and the carriers.
 */
public final class BoundedPasswordHasher implements PasswordHasher {
    /** What a refused caller is told to wait: about the time the queue takes to drain. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher hasher;
    private final int concurrent;
    private final Semaphore running;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Read only around a wait in the queue, so the uncontended path costs no clock read. */
    private final LongSupplier nanoTime;

    private final LongAdder admitted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();
    private final ExecutorService hashingThreads;

    public BoundedPasswordHasher(PasswordHasher hasher, int concurrent, int queue) {
        this(hasher, concurrent, queue, System::nanoTime);
    }

    /** With {@code nanoTime} to measure waits by, so a test decides how long they took. */
    BoundedPasswordHasher(PasswordHasher hasher, int concurrent, int queue, LongSupplier nanoTime) {
        if (concurrent < 1 || queue < 0) {
            throw new IllegalArgumentException("hashing needs at least one slot and a queue of 0 or more");
        }
        this.hasher = hasher;
        this.concurrent = concurrent;
        this.running = new Semaphore(concurrent, true);
        this.maxWaiting = queue;
        this.nanoTime = nanoTime;
        // No more tasks than slots ever reach it (the semaphore admits them), so it never queues.
        this.hashingThreads = Executors.newFixedThreadPool(
                concurrent,
                Thread.ofPlatform().name("gatehouse-hashing-", 1).daemon().factory());
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
            return onAHashingThread(() -> hasher.hash(password));
        } finally {
            running.release();
        }
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        enter();
        try {
            return onAHashingThread(() -> hasher.verify(password, hash));
        } finally {
            running.release();
        }
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return hasher.needsRehash(hash);
    }

    @Override
    public PasswordHash unmatchable() {
        return hasher.unmatchable();
    }

    /** How many callers wait for a slot now (for metrics). */
    public int waiting() {
        return waiting.get();
    }

    /** How many hashes run now (for metrics). */
    public int running() {
        return concurrent - running.availablePermits();
    }

    /** How many hashes have been let run since start, queued first or not (for metrics). */
    public long admitted() {
        return admitted.sum();
    }

    /** How many callers have been refused with {@link HashingBusyException} since start (for metrics). */
    public long refused() {
        return refused.sum();
    }

    /** Nanoseconds all admitted callers have spent in the queue together (for metrics: mean wait). */
    public long waitedNanos() {
        return waitedNanos.sum();
    }

    /** Runs {@code work} on a hashing thread and waits for it, uninterruptibly: the slot is held until it ends. */
    private <T> T onAHashingThread(Callable<T> work) {
        Future<T> result = hashingThreads.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("password hashing failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void enter() {
        if (running.tryAcquire()) {
            admitted.increment();
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            refused.increment();
            throw new HashingBusyException(RETRY_AFTER);
        }
        long queuedAt = nanoTime.getAsLong();
        try {
            running.acquire();
            admitted.increment();
            waitedNanos.add(nanoTime.getAsLong() - queuedAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused.increment();
            throw new HashingBusyException(RETRY_AFTER);
        } finally {
            waiting.decrementAndGet();
        }
    }
}
