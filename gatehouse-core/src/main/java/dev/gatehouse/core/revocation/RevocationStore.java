package dev.gatehouse.core.revocation;

import java.time.Instant;
import java.util.List;

/** The feed's entries, in cursor order. Adapters pass {@code RevocationStoreContract}. */
public interface RevocationStore {

    /** Appends an entry and returns its cursor, greater than every cursor before it. */
    long append(RevokedKind kind, String id, Instant revokedAt, Instant expiresAt);

    /** Up to {@code limit} entries with a cursor greater than {@code cursor}, oldest first. */
    List<Revocation> after(long cursor, int limit);

    /** Forgets entries whose tokens have all expired by {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
