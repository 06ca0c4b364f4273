package dev.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.testing.InMemorySessionStore;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedSessionStoreTest {
    private static final Duration LIFETIME = Duration.ofSeconds(30);

    private final TestClock clock = TestClock.startingAt("2026-01-01T00:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();
    private final InMemorySessionStore shared = new InMemorySessionStore();
    private final SessionStore counted = new CountingReads(shared, reads);
    private final CachedSessionStore node = new CachedSessionStore(counted, LIFETIME, 100, clock);

    @Test
    void aSecondLookUpOfTheSameCookieIsServedFromMemory() {
        Session session = session("s1", 'a');
        shared.insert(session);

        assertThat(node.findByTokenHash(session.tokenHash())).contains(session);
        assertThat(node.findByTokenHash(session.tokenHash())).contains(session);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRevocationFromAnotherNodeEndsTheCachedSessionAtOnce() {
        Session session = session("s1", 'a');
        shared.insert(session);
        node.findByTokenHash(session.tokenHash());

        // Another node revokes: the follower tells this node before (or after) the row goes.
        node.sessionRevoked(session.id());

        assertThat(node.findByTokenHash(session.tokenHash())).isEmpty();
    }

    @Test
    void aLookUpRacingTheRevokingNodesDeleteNeitherReturnsNorCachesTheSession() {
        Session session = session("s1", 'a');
        shared.insert(session);

        // The feed entry is written before the delete, so the row may still be there when we read.
        node.sessionRevoked(session.id());

        assertThat(node.findByTokenHash(session.tokenHash())).isEmpty();
        assertThat(node.size()).isZero();
    }

    @Test
    void entriesExpireSoOtherNodesChangesAreSeenWithinTheLifetime() {
        Session session = session("s1", 'a');
        shared.insert(session);
        node.findByTokenHash(session.tokenHash());
        Instant otherNodeSaw = clock.instant().plusSeconds(10);
        shared.updateLastSeen(session.id(), otherNodeSaw);

        clock.advance(LIFETIME.plusSeconds(1));

        assertThat(node.findByTokenHash(session.tokenHash()).orElseThrow().lastSeenAt())
                .isEqualTo(otherNodeSaw);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aLogoutOnThisNodeEvictsAndLastSeenWritesKeepTheEntryCurrent() {
        Session session = session("s1", 'a');
        shared.insert(session);
        node.findByTokenHash(session.tokenHash());
        Instant later = clock.instant().plusSeconds(90);

        node.updateLastSeen(session.id(), later);
        assertThat(node.findByTokenHash(session.tokenHash()).orElseThrow().lastSeenAt())
                .isEqualTo(later);

        node.delete(session.accountId(), session.id());
        assertThat(node.findByTokenHash(session.tokenHash())).isEmpty();
    }

    @Test
    void staysWithinItsCapacity() {
        for (int i = 0; i < 250; i++) {
            Session session = session("s" + i, 'b');
            shared.insert(session);
            node.findByTokenHash(session.tokenHash());
        }
        assertThat(node.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void aRevokedSessionStaysRefusedWhenAFullCacheIsEmptied() {
        Session revoked = session("revoked", 'c');
        shared.insert(revoked);
        node.findByTokenHash(revoked.tokenHash());
        // Revoked on another node; its row is still there (the delete comes after the feed entry).
        node.sessionRevoked(revoked.id());

        // Enough other cookies to fill the cache, which then starts again empty.
        for (int i = 0; i < 150; i++) {
            Session other = session("other" + i, 'd');
            shared.insert(other);
            node.findByTokenHash(other.tokenHash());
        }

        assertThat(node.size()).isLessThan(100);
        assertThat(node.findByTokenHash(revoked.tokenHash())).isEmpty();
    }

    @Test
    void aBurstOfRevocationsSweepsTheTombstonesOnlyAsTheyDouble() {
        // 1,000 revocations within one lifetime, ten times the capacity: none has expired yet.
        for (int i = 0; i < 1_000; i++) {
            node.sessionRevoked(new SessionId("burst" + i));
        }
        assertThat(node.tombstones()).isEqualTo(1_000);
        // Past 100, 202, 406 and 814: four sweeps, not one for each of the 900 beyond the capacity.
        assertThat(node.tombstoneSweeps()).isEqualTo(4);

        // Once they have expired, the next sweep (past 2 × 814) clears them out.
        clock.advance(LIFETIME.multipliedBy(2).plusSeconds(1));
        for (int i = 0; i < 700; i++) {
            node.sessionRevoked(new SessionId("later" + i));
        }
        assertThat(node.tombstones()).isLessThan(1_000);
        assertThat(node.tombstoneSweeps()).isEqualTo(5);
    }

    private Session session(String id, char fill) {
        String prefix = String.format("%08x", id.hashCode());
        Instant now = clock.instant();
        return new Session(
                new SessionId(id),
                new AccountId("ada"),
                new TokenHash(prefix + String.valueOf(fill).repeat(56)),
                now,
                now,
                now.plus(Duration.ofHours(8)),
                new ClientDetails("::1", "test"),
                SessionKind.BROWSER);
    }

    /** Counts how often the cache falls through to the shared store. */
    private record CountingReads(SessionStore store, AtomicInteger reads) implements SessionStore {
        @Override
        public Optional<Session> findByTokenHash(TokenHash tokenHash) {
            reads.incrementAndGet();
            return store.findByTokenHash(tokenHash);
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
        public java.util.List<Session> listByAccount(AccountId accountId) {
            return store.listByAccount(accountId);
        }

        @Override
        public java.util.List<SessionId> leastRecentlyUsed(AccountId accountId, SessionId keep, int limit) {
            return store.leastRecentlyUsed(accountId, keep, limit);
        }

        @Override
        public void updateLastSeen(SessionId id, Instant lastSeenAt) {
            store.updateLastSeen(id, lastSeenAt);
        }

        @Override
        public boolean updateAuthentication(SessionId id, java.util.Set<AuthenticationMethod> amr, Instant authTime) {
            return store.updateAuthentication(id, amr, authTime);
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
        public boolean delete(AccountId accountId, SessionId id) {
            return store.delete(accountId, id);
        }

        @Override
        public java.util.List<SessionId> deleteAllOf(AccountId accountId, Optional<SessionId> keep) {
            return store.deleteAllOf(accountId, keep);
        }

        @Override
        public int deleteExpired(Instant now, Instant idleCutoff, SessionKind kind) {
            return store.deleteExpired(now, idleCutoff, kind);
        }

        @Override
        public java.util.List<SessionId> findExpired(Instant now, Instant idleCutoff, SessionKind kind) {
            return store.findExpired(now, idleCutoff, kind);
        }
    }
}
