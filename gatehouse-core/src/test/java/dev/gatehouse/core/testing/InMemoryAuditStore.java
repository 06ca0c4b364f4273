package dev.gatehouse.core.testing;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Audit events in a list, for unit tests. */
public final class InMemoryAuditStore implements AuditStore {
    private final List<AuditEvent> events = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized long append(AuditEvent event) {
        long id = nextId++;
        events.add(event.withId(id));
        return id;
    }

    @Override
    public synchronized List<AuditEvent> find(AuditQuery query) {
        return events.stream()
                .filter(e -> query.accountId().isEmpty() || e.accountId().equals(query.accountId()))
                .filter(e -> query.type().isEmpty() || e.type() == query.type().get())
                .filter(e ->
                        query.from().isEmpty() || !e.at().isBefore(query.from().get()))
                .filter(e -> query.to().isEmpty() || e.at().isBefore(query.to().get()))
                .filter(e -> query.before().isEmpty() || e.id() < query.before().get())
                .sorted(Comparator.comparingLong(AuditEvent::id).reversed())
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized long count(AuditQuery query) {
        return find(new AuditQuery(
                        query.accountId(),
                        query.type(),
                        query.from(),
                        query.to(),
                        query.before(),
                        AuditQuery.MAX_LIMIT))
                .size();
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = events.size();
        events.removeIf(e -> e.at().isBefore(cutoff));
        return before - events.size();
    }

    public synchronized List<AuditEvent> all() {
        return new ArrayList<>(events);
    }
}
