package dev.gatehouse.server.app;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.revocation.RevocationFollower;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.revocation.RevokedKind;
import dev.gatehouse.core.session.CachedSessionStore;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.redis.RedisRevocationBus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How this node shares sessions and revocations with the others. Alone on SQLite it uses the store as
 * it is. With a shared database, cookie look-ups go through a node-local cache that a {@link NodeSync}
 * keeps honest by following the revocation feed, and with Redis each revocation is also announced so
 * the other nodes hear of it in milliseconds instead of at their next poll.
 *
 * @param sessions the session store this node uses
 * @param revocations the revocation store, announcing over Redis when there is one
 * @param sync follows the other nodes' revocations (started once the node is built)
 * @param bus the Redis channel, when configured
 */
record NodeWiring(
        SessionStore sessions, RevocationStore revocations, Optional<NodeSync> sync, Optional<RedisRevocationBus> bus) {

    /** How long a cached cookie look-up is trusted for what revocations do not cover (last seen). */
    static final Duration SESSION_CACHE_LIFETIME = Duration.ofSeconds(30);

    /**
     * Heap one cached look-up may hold: the session as read from the database, its ids and hash, both
     * map entries. Measured by {@code SessionCacheFootprint} (gatehouse-bench): 779 bytes with a
     * 100-character User-Agent, 1,186 with the 512 characters a User-Agent is cut to.
     */
    static final int SESSION_CACHE_BYTES_PER_ENTRY = 1200;

    /** Entries the cache never goes beyond, however large the heap. */
    static final int SESSION_CACHE_MOST = 100_000;

    /** Entries the cache always has room for, however small the heap. */
    static final int SESSION_CACHE_LEAST = 1_000;

    /** @param othersAppended called when other nodes appended to the revocation feed */
    static NodeWiring of(
            GatehouseConfig config,
            JdbcDatabase database,
            Transactions transactions,
            Clock clock,
            Runnable othersAppended) {
        if (!config.isShared()) {
            return new NodeWiring(database.sessions(), database.revocations(), Optional.empty(), Optional.empty());
        }
        CachedSessionStore cache = new CachedSessionStore(
                database.sessions(),
                SESSION_CACHE_LIFETIME,
                sessionCacheCapacity(Runtime.getRuntime().maxMemory()),
                clock);
        RevocationFollower follower = new RevocationFollower(database.revocations(), entry -> {
            if (entry.kind() == RevokedKind.SESSION) {
                cache.sessionRevoked(new SessionId(entry.id()));
            }
        });
        // Runs only after start(), when the node's feed exists.
        NodeSync nodeSync = new NodeSync(follower, othersAppended);
        Optional<RedisRevocationBus> bus = config.redisUrl()
                .map(url -> RedisRevocationBus.start(url, Gatehouse.redisNamespace(config), nodeSync::wake));
        RevocationStore revocations = bus.<RevocationStore>map(
                        b -> new AnnouncingRevocationStore(database.revocations(), b::announce, transactions))
                .orElse(database.revocations());
        return new NodeWiring(cache, revocations, Optional.of(nodeSync), bus);
    }

    /**
     * Entries the session cache may hold: an eighth of the heap at {@link #SESSION_CACHE_BYTES_PER_ENTRY}
     * each, between {@link #SESSION_CACHE_LEAST} and {@link #SESSION_CACHE_MOST}. A fixed 100,000 could
     * hold 78 to 119 MB, more than the launcher's 168 MiB heap has beside the password hashes' blocks
     * and the connections (which may take half): filled by as many live sessions checked within its
     * lifetime, it would have run the process out of memory where it should only have cost database
     * reads. An eighth is 18,350 entries in that heap, and 100,000 from a heap of 916 MiB up.
     */
    static int sessionCacheCapacity(long maxHeap) {
        long fits = maxHeap / 8 / SESSION_CACHE_BYTES_PER_ENTRY;
        return (int) Math.max(SESSION_CACHE_LEAST, Math.min(SESSION_CACHE_MOST, fits));
    }
}
