package dev.gatehouse.core.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this process: what one node needs. Bounded: past {@code capacity} keys, expired ones
 * are swept, and if that is not enough the oldest half of the work is forgotten (forgiving).
 */
public final class LocalCounters implements CounterStore {
    private final Clock clock;
    private final int capacity;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private record Counter(long value, Instant expiresAt) {}

    public LocalCounters(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public long increment(String key, Duration ttl) {
        Instant now = clock.instant();
        sweepIfFull(now);
        return counters.compute(
                        key,
                        (k, old) -> old == null || !old.expiresAt().isAfter(now)
                                ? new Counter(1, now.plus(ttl))
                                : new Counter(old.value() + 1, old.expiresAt()))
                .value();
    }

    @Override
    public long get(String key) {
        Counter counter = counters.get(key);
        return counter == null || !counter.expiresAt().isAfter(clock.instant()) ? 0 : counter.value();
    }

    @Override
    public void put(String key, long value, Duration ttl) {
        Instant now = clock.instant();
        sweepIfFull(now);
        counters.put(key, new Counter(value, now.plus(ttl)));
    }

    @Override
    public void delete(String key) {
        counters.remove(key);
    }

    private void sweepIfFull(Instant now) {
        if (counters.size() >= capacity) {
            counters.values().removeIf(counter -> !counter.expiresAt().isAfter(now));
            if (counters.size() >= capacity) {
                counters.clear();
            }
        }
    }
}
