package dev.gatehouse.verifier;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, keyed by their exact text, so a token presented again costs a hash look-up
 * instead of a signature check. Expiry and revocation are still checked on every hit by the caller.
 *
 * <p>Look-ups take no lock: every request of every thread passes through here, so a global lock (as an
 * access-ordered LRU map needs) would serialise them. The bound is kept on insertion instead: when full,
 * expired tokens go first, then an arbitrary tenth — a verified token evicted early only costs its next
 * presentation one signature check. Concurrent insertions may overshoot the bound by one entry each.
 */
final class VerifiedTokenCache {
    private final int capacity;
    private final ConcurrentHashMap<String, VerifiedToken> entries = new ConcurrentHashMap<>();

    VerifiedTokenCache(int capacity) {
        this.capacity = capacity;
    }

    Optional<VerifiedToken> get(String token) {
        return capacity == 0 ? Optional.empty() : Optional.ofNullable(entries.get(token));
    }

    void put(String token, VerifiedToken verified, Instant now) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() >= capacity) {
            makeRoom(now);
        }
        entries.put(token, verified);
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
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
