package dev.gatehouse.core.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which events to list: newest first, those with an id below {@code before} (for the next page).
 *
 * @param limit at most this many, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(
        Optional<String> accountId,
        Optional<AuditType> type,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<Long> before,
        int limit) {
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        limit = Math.clamp(limit, 1, MAX_LIMIT);
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
