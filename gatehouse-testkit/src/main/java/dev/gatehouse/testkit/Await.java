package dev.gatehouse.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something another thread or process makes true (a revocation reaching a node,
 * a counter expiring in Redis), polled every few milliseconds: the one way tests wait, instead of
 * fixed sleeps that are too long on a fast machine and too short on a loaded one.
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(5);

    private Await() {}

    /** Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        if (!holdsWithin(timeout, condition)) {
            throw new AssertionError(what + ": not so within " + timeout.toMillis() + " ms");
        }
    }

    /** Whether {@code condition} came to hold within {@code timeout}, for tests that assert more themselves. */
    public static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }
}
