package dev.gatehouse.server.app;

import dev.gatehouse.testkit.Await;
import java.time.Duration;

/**
 * Keeps a test's burst of limited requests inside one rate-limit window.
 *
 * <p>The limiter counts in fixed windows aligned to the epoch ({@code RateLimiter}), so a burst that
 * starts a second before a minute turns is counted half in one window and half in the next, and the
 * request the test expects to be refused is let through. Tests with per-minute limits call this before
 * their burst; it waits for the next window when the current one is nearly over.
 */
public final class RateLimitWindow {
    /** Longer than any burst in the tests takes on a loaded CI machine (about 12 hashes at worst). */
    private static final Duration ROOM_FOR_A_BURST = Duration.ofSeconds(12);

    private RateLimitWindow() {}

    /** Returns once at least {@link #ROOM_FOR_A_BURST} is left in the current one-minute window. */
    public static void awaitRoomInTheCurrentMinute() {
        awaitRoom(Duration.ofMinutes(1), ROOM_FOR_A_BURST);
    }

    static void awaitRoom(Duration window, Duration needed) {
        long windowMillis = window.toMillis();
        // At worst the rest of this window; the project's one await helper, with its deadline.
        Await.until("a rate-limit window with " + needed.toMillis() + " ms left", window.plus(window), () -> {
            long left = windowMillis - Math.floorMod(System.currentTimeMillis(), windowMillis);
            // A little past the turn too, so the server's clock is surely in the new window.
            return left >= needed.toMillis() && left <= windowMillis - 20;
        });
    }
}
