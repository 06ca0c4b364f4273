package dev.gatehouse.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps no event; ids still increase, as the port promises. Behind {@link AuditTrail#discarding}. */
final class DiscardingAuditStore implements AuditStore {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long append(AuditEvent event) {
        return ids.incrementAndGet();
    }

    @Override
    public List<AuditEvent> find(AuditQuery query) {
        return List.of();
    }

    @Override
    public long count(AuditQuery query) {
        return 0;
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return 0;
    }
}
