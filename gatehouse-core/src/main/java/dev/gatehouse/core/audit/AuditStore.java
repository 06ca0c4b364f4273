package dev.gatehouse.core.audit;

import java.time.Instant;
import java.util.List;

/** Where audit events are kept for their retention. Adapters pass {@code AuditStoreContract}. */
public interface AuditStore {

    /** Stores the event and returns its id, greater than every id before it. */
    long append(AuditEvent event);

    /** Matching events, newest first. */
    List<AuditEvent> find(AuditQuery query);

    /**
     * How many events match, ignoring the query's {@code limit}: the admin dashboard's counts ("failed
     * logins in the last hour") without reading the events.
     */
    long count(AuditQuery query);

    /** Forgets events from before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
