package dev.gatehouse.server.app;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.revocation.RevokedKind;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The shared feed, announcing each append once it committed, so other nodes read it at once: announced
 * earlier (inside a group still to commit), a node would read before the row is there and wait for its
 * next poll.
 */
record AnnouncingRevocationStore(RevocationStore store, LongConsumer announce, Transactions transactions)
        implements RevocationStore {

    @Override
    public long append(RevokedKind kind, String id, Instant revokedAt, Instant expiresAt) {
        long cursor = store.append(kind, id, revokedAt, expiresAt);
        transactions.afterCommit(() -> announce.accept(cursor));
        return cursor;
    }

    @Override
    public List<Revocation> after(long cursor, int limit) {
        return store.after(cursor, limit);
    }

    @Override
    public int purgeExpired(Instant now) {
        return store.purgeExpired(now);
    }
}
