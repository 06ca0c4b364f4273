package dev.gatehouse.core.session;

import java.time.Duration;

/**
 * How long sessions live.
 *
 * <p>Defaults follow the OWASP Session Management Cheat Sheet: an idle timeout of 30 minutes (its
 * range for low-risk applications is 15 to 30) and an absolute timeout of 8 hours (a working day).
 * "Last seen" is written at most once a minute, so a busy session costs one write a minute rather
 * than one a request; the price is that a session may end up to that minute early, never late.
 */
public record SessionPolicy(Duration idleTimeout, Duration absoluteTimeout, Duration lastSeenWriteInterval) {
    public static final SessionPolicy DEFAULT =
            new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(8), Duration.ofMinutes(1));

    public SessionPolicy {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
        if (absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("absolute timeout must be at least the idle timeout");
        }
        if (lastSeenWriteInterval.isNegative() || lastSeenWriteInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("last-seen write interval must be shorter than the idle timeout");
        }
    }
}
