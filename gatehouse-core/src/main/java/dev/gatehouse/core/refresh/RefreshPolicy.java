package dev.gatehouse.core.refresh;

import java.time.Duration;

/**
 * How long refresh tokens live.
 *
 * @param idleTimeout a family unused this long is dead (a phone left in a drawer)
 * @param absoluteTimeout a family this old is dead however active (the user logs in again)
 * @param grace how long after a rotation the immediate predecessor still gets the same successor
 *     back, for two tabs refreshing at once or a response lost on the way
 */
public record RefreshPolicy(Duration idleTimeout, Duration absoluteTimeout, Duration grace) {
    public static final RefreshPolicy DEFAULT =
            new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ofSeconds(30));

    public RefreshPolicy {
        if (idleTimeout.compareTo(Duration.ofMinutes(5)) < 0 || absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "refresh idle timeout must be at least 5m and at most the absolute timeout");
        }
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("refresh grace must be 0 to 2m");
        }
    }
}
