package dev.gatehouse.core.session;

import dev.gatehouse.core.account.AccountId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node-local cache of cookie look-ups in front of a shared {@link SessionStore}, so that checking
 * a session cookie costs a hash-map look-up instead of a database round trip.
 *
 * <p>Revocations made on any node reach it through {@link #sessionRevoked}, called by the node's
 * revocation follower: the session is evicted and remembered as revoked (a tombstone) for twice
 * the entry lifetime, so a look-up racing the revoking node's delete can neither return it nor
 * cache it again. Entries also expire after {@code lifetime}, which bounds what else may be stale:
 * "last seen" written by another node (so idle expiry may come up to that much early or late).
 */
public final class CachedSessionStore implements SessionStore, SessionRevocationListener {
    private final SessionStore store;
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;
    private final Map<TokenHash, Entry> byToken = new ConcurrentHashMap<>();
    private final Map<SessionId, TokenHash> tokenOf = new ConcurrentHashMap<>();
    private final Map<SessionId, Instant> revoked = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();
    /** Tombstones beyond which the next revocation sweeps out the expired ones. */
    private volatile int sweepTombstonesAbove;

    private final AtomicLong tombstoneSweeps = new AtomicLong();

    private record Entry(Session session, Instant expiresAt) {}

    public CachedSessionStore(SessionStore store, Duration lifetime, int capacity, Clock clock) {
        this.store = store;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
        this.sweepTombstonesAbove = capacity;
    }

    @Override
    public Optional<Session> findByTokenHash(TokenHash tokenHash) {
        Instant now = clock.instant();
        Entry entry = byToken.get(tokenHash);
        if (entry != null && entry.expiresAt().isAfter(now)) {
            return isRevoked(entry.session().id(), now) ? Optional.empty() : Optional.of(entry.session());
        }
        long revocationsBefore = revocations.get();
        Optional<Session> found = store.findByTokenHash(tokenHash);
        if (found.isEmpty()) {
            byToken.remove(tokenHash);
            return found;
        }
        Session session = found.get();
        if (isRevoked(session.id(), now)) {
            return Optional.empty();
        }
        // A revocation that arrived while we read may be about this very session: do not cache then.
        if (revocations.get() == revocationsBefore) {
            if (byToken.size() >= capacity) {
                clear();
            }
            byToken.put(tokenHash, new Entry(session, now.plus(lifetime)));
            tokenOf.put(session.id(), tokenHash);
        }
        return found;
    }

    /** Told by the revocation follower of a session revoked on any node. */
    @Override
    public void sessionRevoked(SessionId id) {
        revocations.incrementAndGet();
        Instant now = clock.instant();
        revoked.put(id, now.plus(lifetime.multipliedBy(2)));
        evict(id);
        if (revoked.size() > sweepTombstonesAbove) {
            revoked.values().removeIf(until -> !until.isAfter(now));
            tombstoneSweeps.incrementAndGet();
            // Tombstones live a whole minute, so a burst of revocations (a mass sign-out, or many users
            // at once where a small heap made the capacity small) keeps the map above capacity for that
            // long: sweeping on every revocation then scanned the whole map each time, 60,000 entries
            // took one node 11 s of CPU. The next sweep waits until the map has doubled instead.
            sweepTombstonesAbove = Math.max(capacity, 2 * revoked.size());
        }
    }

    /** Forgets every entry (not the tombstones): the revocation fan-out may have missed something. */
    public void clear() {
        byToken.clear();
        tokenOf.clear();
    }

    public int size() {
        return byToken.size();
    }

    /** Sessions remembered as revoked (for tests). */
    int tombstones() {
        return revoked.size();
    }

    /** How often the expired tombstones have been swept out (for tests). */
    long tombstoneSweeps() {
        return tombstoneSweeps.get();
    }

    @Override
    public void insert(Session session) {
        store.insert(session);
    }

    @Override
    public Optional<Session> findById(SessionId id) {
        return store.findById(id);
    }

    @Override
    public List<Session> listByAccount(AccountId accountId) {
        return store.listByAccount(accountId);
    }

    @Override
    public List<SessionId> leastRecentlyUsed(AccountId accountId, SessionId keep, int limit) {
        return store.leastRecentlyUsed(accountId, keep, limit);
    }

    @Override
    public void updateLastSeen(SessionId id, Instant lastSeenAt) {
        store.updateLastSeen(id, lastSeenAt);
        TokenHash token = tokenOf.get(id);
        if (token != null) {
            byToken.computeIfPresent(
                    token, (hash, entry) -> new Entry(entry.session().withLastSeenAt(lastSeenAt), entry.expiresAt()));
        }
    }

    @Override
    public boolean updateAuthentication(SessionId id, java.util.Set<AuthenticationMethod> amr, Instant authTime) {
        boolean updated = store.updateAuthentication(id, amr, authTime);
        TokenHash token = tokenOf.get(id);
        if (token != null) {
            byToken.computeIfPresent(
                    token,
                    (hash, entry) -> new Entry(entry.session().withAuthentication(amr, authTime), entry.expiresAt()));
        }
        return updated;
    }

    @Override
    public boolean delete(AccountId accountId, SessionId id) {
        boolean deleted = store.delete(accountId, id);
        evict(id);
        return deleted;
    }

    @Override
    public List<SessionId> deleteAllOf(AccountId accountId, Optional<SessionId> keep) {
        List<SessionId> deleted = store.deleteAllOf(accountId, keep);
        deleted.forEach(this::evict);
        return deleted;
    }

    @Override
    public long countByAccount(AccountId accountId) {
        return store.countByAccount(accountId);
    }

    @Override
    public long countLive(Instant now) {
        return store.countLive(now);
    }

    @Override
    public int deleteExpired(Instant now, Instant idleCutoff, SessionKind kind) {
        // Expired entries are refused by the session check itself; the cache forgets them in time.
        return store.deleteExpired(now, idleCutoff, kind);
    }

    @Override
    public List<SessionId> findExpired(Instant now, Instant idleCutoff, SessionKind kind) {
        return store.findExpired(now, idleCutoff, kind);
    }

    private boolean isRevoked(SessionId id, Instant now) {
        Instant until = revoked.get(id);
        return until != null && until.isAfter(now);
    }

    private void evict(SessionId id) {
        TokenHash token = tokenOf.remove(id);
        if (token != null) {
            byToken.remove(token);
        }
    }
}
