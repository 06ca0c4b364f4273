package dev.gatehouse.verifier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens already verified, keyed by their exact text, so a token presented again costs a map look-up
 * instead of a signature check. Least recently used entries leave first. Expiry and revocation are
 * still checked on every hit by the caller.
 */
final class VerifiedTokenCache {
    private final int capacity;
    private final Map<String, VerifiedToken> entries;

    VerifiedTokenCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, VerifiedToken> eldest) {
                return size() > VerifiedTokenCache.this.capacity;
            }
        };
    }

    synchronized Optional<VerifiedToken> get(String token) {
        return Optional.ofNullable(entries.get(token));
    }

    synchronized void put(String token, VerifiedToken verified) {
        if (capacity > 0) {
            entries.put(token, verified);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
