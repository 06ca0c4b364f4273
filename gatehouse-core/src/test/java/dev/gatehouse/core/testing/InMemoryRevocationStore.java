package dev.gatehouse.core.testing;

import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.revocation.RevokedKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The revocation feed in a list, for fast unit tests; passes the same contract as real stores. */
public final class InMemoryRevocationStore implements RevocationStore {
    private final List<Revocation> entries = new ArrayList<>();
    private long lastCursor;

    @Override
    public synchronized long append(RevokedKind kind, String id, Instant revokedAt, Instant expiresAt) {
        entries.add(new Revocation(++lastCursor, kind, id, revokedAt, expiresAt));
        return lastCursor;
    }

    @Override
    public synchronized List<Revocation> after(long cursor, int limit) {
        return entries.stream().filter(e -> e.cursor() > cursor).limit(limit).toList();
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = entries.size();
        entries.removeIf(e -> !e.expiresAt().isAfter(now));
        return before - entries.size();
    }
}
