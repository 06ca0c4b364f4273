package dev.gatehouse.core.limit;

import java.time.Duration;

/**
 * Expiring counters, shared by every node that should enforce one limit: in this process on one
 * node, in Redis on many. Losing them (a restart, a flushed Redis) forgives, never punishes.
 */
public interface CounterStore {

    /** Adds one to {@code key} and returns the new count; a new key expires {@code ttl} later. */
    long increment(String key, Duration ttl);

    /** The count under {@code key}, 0 when absent or expired. */
    long get(String key);

    /**
     * Sets {@code key} to {@code value} for {@code ttl}. Write lock-outs and other decisions this way: a
     * bounded store forgets counts to make room, never a value set here before its time.
     */
    void put(String key, long value, Duration ttl);

    void delete(String key);
}
