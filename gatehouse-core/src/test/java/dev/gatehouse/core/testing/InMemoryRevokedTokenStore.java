package dev.gatehouse.core.testing;

import dev.gatehouse.core.token.RevokedTokenStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Revoked token ids in a map, for fast unit tests; passes the same contract as real stores. */
public final class InMemoryRevokedTokenStore implements RevokedTokenStore {
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Override
    public void revoke(String jwtId, Instant expiresAt) {
        revoked.putIfAbsent(jwtId, expiresAt);
    }

    @Override
    public boolean isRevoked(String jwtId) {
        return revoked.containsKey(jwtId);
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = revoked.size();
        revoked.values().removeIf(expires -> !expires.isAfter(now));
        return before - revoked.size();
    }
}
