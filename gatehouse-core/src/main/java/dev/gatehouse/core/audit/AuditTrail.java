package dev.gatehouse.core.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records security events: stored for {@code retention} (queryable by admins) and handed to a sink
 * that writes each as one structured log line. A store outage must not turn a logout into an error,
 * so a failed store write is reported to the sink and swallowed.
 */
public final class AuditTrail {
    private final AuditStore store;
    private final Consumer<AuditEvent> sink;
    private final Duration retention;
    private final Clock clock;

    public AuditTrail(AuditStore store, Consumer<AuditEvent> sink, Duration retention, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.retention = retention;
        this.clock = clock;
    }

    public AuditEvent record(
            AuditType type,
            Optional<String> accountId,
            String actor,
            Optional<String> ip,
            Map<String, String> details) {
        AuditEvent event =
                new AuditEvent(0, clock.instant().truncatedTo(ChronoUnit.MILLIS), type, accountId, actor, ip, details);
        try {
            event = event.withId(store.append(event));
        } catch (RuntimeException e) {
            event = event.withId(-1);
        }
        sink.accept(event);
        return event;
    }

    /** Records {@code type} about {@code accountId}, done by {@code actor}. */
    public AuditEvent record(AuditType type, Optional<String> accountId, Actor actor, Map<String, String> details) {
        return record(type, accountId, actor.name(), actor.ipAddress(), details);
    }

    /** A trail that keeps nothing: for components whose events nobody reads (benchmarks, tests). */
    public static AuditTrail discarding(Clock clock) {
        return new AuditTrail(new DiscardingAuditStore(), event -> {}, Duration.ZERO, clock);
    }

    public List<AuditEvent> find(AuditQuery query) {
        return store.find(query);
    }

    /** How many events match {@code query}, whatever its limit. */
    public long count(AuditQuery query) {
        return store.count(query);
    }

    public int purgeExpired() {
        return store.purgeBefore(clock.instant().minus(retention));
    }
}
