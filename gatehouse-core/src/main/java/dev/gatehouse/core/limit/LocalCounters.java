package dev.gatehouse.core.limit;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counters in this process: what one node needs. Bounded, but a bound an attacker can fill (IPv6 /64s
 * are cheap), so what is forgotten first matters.
 *
 * <p>Two kinds of entry. A <em>count</em> is made by {@link #increment}; forgetting one forgives. A
 * <em>pinned</em> value is written by {@link #put}: a decision such as a lock-out deadline, which is how
 * {@link RateLimiter} writes lock-outs. A pinned value is never evicted before its time, whatever its
 * key; it goes only when it expires or is deleted. Pinning follows the kind of write, not the key's
 * spelling, so new lock-out kinds are kept as long as they are written with {@code put}.
 *
 * <p>When a write finds {@code capacity} entries, one sweep removes the expired entries, then the counts
 * nearest expiry until a tenth of {@code capacity} is free (at least one entry). Freeing a tenth at a
 * time spreads the cost of the scan and sort over the next tenth of insertions.
 *
 * <p>Capacity bounds counts, not pinned values: a {@code put} is always stored. When pinned values alone
 * leave less than a tenth free, a sweep drops every count and the next sweep waits a second, so a flood
 * of new keys costs one scan a second, not one per insertion. While the map is full, a count for a new
 * key is not kept: {@code increment} returns 1 and forgets it. That fails open for rate limits and
 * closed for lock-outs; and since failure counts are among what is not kept, a full map makes new
 * lock-outs harder to build, not easier.
 *
 * <p>Thread-safe. A writer that finds the map full while another thread sweeps does not wait: it
 * inserts, so the map may exceed {@code capacity} by the insertions made during one sweep. A sweep
 * never removes an entry rewritten after it looked at it, so concurrent writes make it evict slightly
 * less, never a newer value.
 */
public final class LocalCounters implements CounterStore {
    private static final long PAUSE_WHEN_PINNED_FILL_MILLIS =
            Duration.ofSeconds(1).toMillis();

    private final Clock clock;
    private final int capacity;
    private final int target;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile long noSweepBefore = Long.MIN_VALUE;

    private record Counter(long value, long expiresAt, boolean pinned) {
        boolean liveAt(long now) {
            return expiresAt > now;
        }
    }

    public LocalCounters(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
        this.target = capacity - Math.max(1, capacity / 10);
    }

    @Override
    public long increment(String key, Duration ttl) {
        long now = clock.millis();
        long expiresAt = now + ttl.toMillis();
        if (!makeRoom(now)) {
            // Pinned values crowd the map: a count already kept goes on counting, a new one is forgotten.
            Counter kept = counters.computeIfPresent(key, (k, old) -> next(old, now, expiresAt));
            return kept == null ? 1 : kept.value();
        }
        return counters.compute(key, (k, old) -> next(old, now, expiresAt)).value();
    }

    @Override
    public long get(String key) {
        Counter counter = counters.get(key);
        return counter == null || !counter.liveAt(clock.millis()) ? 0 : counter.value();
    }

    @Override
    public void put(String key, long value, Duration ttl) {
        long now = clock.millis();
        makeRoom(now);
        counters.put(key, new Counter(value, now + ttl.toMillis(), true));
    }

    @Override
    public void delete(String key) {
        counters.remove(key);
    }

    private static Counter next(Counter old, long now, long expiresAt) {
        return old == null || !old.liveAt(now)
                ? new Counter(1, expiresAt, false)
                : new Counter(old.value() + 1, old.expiresAt(), old.pinned());
    }

    /** Sweeps if full; says whether a new count may be kept. */
    private boolean makeRoom(long now) {
        if (counters.size() < capacity) {
            return true;
        }
        if (now < noSweepBefore) {
            return false;
        }
        if (!sweeping.tryLock()) {
            return true;
        }
        try {
            if (counters.size() >= capacity && !sweep(now)) {
                noSweepBefore = now + PAUSE_WHEN_PINNED_FILL_MILLIS;
            }
            return counters.size() < capacity;
        } finally {
            sweeping.unlock();
        }
    }

    /** Removes expired entries, then counts nearest expiry; false when pinned values kept it above target. */
    private boolean sweep(long now) {
        counters.values().removeIf(counter -> !counter.liveAt(now));
        int excess = counters.size() - target;
        if (excess <= 0) {
            return true;
        }
        long[] expiries = new long[counters.size()];
        int counts = 0;
        for (Counter counter : counters.values()) {
            // The map may grow while it is read; entries beyond the first look wait for the next sweep.
            if (!counter.pinned() && counts < expiries.length) {
                expiries[counts++] = counter.expiresAt();
            }
        }
        if (counts <= excess) {
            counters.values().removeIf(counter -> !counter.pinned());
            return counts == excess;
        }
        Arrays.sort(expiries, 0, counts);
        long cutoff = expiries[excess - 1];
        int before = excess - 1;
        while (before > 0 && expiries[before - 1] == cutoff) {
            before--;
        }
        counters.values().removeIf(counter -> !counter.pinned() && counter.expiresAt() < cutoff);
        // Counts of one fixed window all expire together: drop just enough of those that tie.
        int ties = excess - before;
        for (Map.Entry<String, Counter> entry : counters.entrySet()) {
            Counter counter = entry.getValue();
            if (ties == 0) {
                break;
            }
            if (!counter.pinned() && counter.expiresAt() == cutoff && counters.remove(entry.getKey(), counter)) {
                ties--;
            }
        }
        return true;
    }
}
