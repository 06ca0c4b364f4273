package dev.gatehouse.verifier;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a verifier already knows about a credential, keyed by the credential's exact text: verified
 * tokens, introspected session cookies. Callers still check expiry and revocation on every hit.
 *
 * <p>Look-ups take no lock: every request of every thread passes through here, so a global lock (as an
 * access-ordered LRU map needs) would serialise them. The bound is kept on insertion instead: when full,
 * expired entries go first, then an arbitrary tenth — an entry evicted early only costs its next
 * presentation one more check. Concurrent insertions may overshoot the bound by one entry each.
 */
final class BoundedCache<V> {
    private final int capacity;
    private final Function<V, Instant> expiresAt;
    private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();

    /** {@code capacity} 0 remembers nothing; {@code expiresAt} says when an entry is of no more use. */
    BoundedCache(int capacity, Function<V, Instant> expiresAt) {
        this.capacity = capacity;
        this.expiresAt = expiresAt;
    }

    Optional<V> get(String key) {
        return capacity == 0 ? Optional.empty() : Optional.ofNullable(entries.get(key));
    }

    void put(String key, V value, Instant now) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() >= capacity) {
            makeRoom(now);
        }
        entries.put(key, value);
    }

    void remove(String key) {
        entries.remove(key);
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(expiresAt.apply(entry)));
        int toDrop = entries.size() - capacity + Math.max(1, capacity / 10);
        Iterator<String> keys = entries.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    int size() {
        return entries.size();
    }
}
