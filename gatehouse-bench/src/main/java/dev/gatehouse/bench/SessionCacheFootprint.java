package dev.gatehouse.bench;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.CachedSessionStore;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.session.TokenHash;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the heap one entry of the shared deployments' session cache holds, for a short and for the
 * longest User-Agent kept: what {@code NodeWiring.SESSION_CACHE_BYTES_PER_ENTRY} budgets. The cache is
 * filled through its own look-ups from a store that, like the database, answers each look-up with a
 * session of fresh objects, and the heap is compared after full collections before and after. Run:
 * {@code java -cp gatehouse-bench/target/benchmarks.jar dev.gatehouse.bench.SessionCacheFootprint [entries]}.
 */
public final class SessionCacheFootprint {
    private SessionCacheFootprint() {}

    /** A stored row: what the database hands back, made into new objects on every read. */
    private record Row(String id, String accountId, String tokenHash, long at, String ipAddress, String userAgent) {
        Session read() {
            Instant now = Instant.ofEpochMilli(at);
            return new Session(
                    new SessionId(copy(id)),
                    new AccountId(copy(accountId)),
                    new TokenHash(copy(tokenHash)),
                    now,
                    Instant.ofEpochMilli(at),
                    now.plus(Duration.ofHours(8)),
                    new ClientDetails(copy(ipAddress), copy(userAgent)),
                    SessionKind.BROWSER);
        }

        /** A string of its own characters: {@code new String(s)} would share those of {@code s}. */
        private static String copy(String s) {
            return new String(s.toCharArray());
        }
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        for (int userAgentLength : new int[] {100, ClientDetails.MAX_USER_AGENT_LENGTH}) {
            System.out.printf(
                    "User-Agent of %d characters: %.0f bytes an entry (%,d entries)%n",
                    userAgentLength, bytesPerEntry(entries, userAgentLength), entries);
        }
    }

    private static double bytesPerEntry(int entries, int userAgentLength) {
        RandomSource random = RandomSource.secure();
        HexFormat hex = HexFormat.of();
        String userAgent = "Mozilla/5.0 ".repeat(userAgentLength / 12 + 1).substring(0, userAgentLength);
        Map<String, Row> rows = new HashMap<>();
        TokenHash[] hashes = new TokenHash[entries];
        for (int i = 0; i < entries; i++) {
            TokenHash hash = SessionToken.random(random).hash();
            hashes[i] = hash;
            rows.put(
                    hash.hex(),
                    new Row(
                            hex.formatHex(random.nextBytes(16)),
                            hex.formatHex(random.nextBytes(16)),
                            hash.hex(),
                            System.currentTimeMillis(),
                            "203.0.113." + (i % 250),
                            userAgent));
        }
        CachedSessionStore cache =
                new CachedSessionStore(database(rows), Duration.ofMinutes(5), entries + 1, Clock.systemUTC());
        long before = heapUsedAfterCollections();
        for (TokenHash hash : hashes) {
            cache.findByTokenHash(hash);
        }
        long after = heapUsedAfterCollections();
        if (cache.size() != entries) {
            throw new IllegalStateException("the cache holds " + cache.size() + " of " + entries);
        }
        return (after - before) / (double) entries;
    }

    /** A session store that answers look-ups by token hash only, each with new objects. */
    private static SessionStore database(Map<String, Row> rows) {
        return (SessionStore) Proxy.newProxyInstance(
                SessionStore.class.getClassLoader(), new Class<?>[] {SessionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findByTokenHash")) {
                        Row row = rows.get(((TokenHash) args[0]).hex());
                        return Optional.ofNullable(row).map(Row::read);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static long heapUsedAfterCollections() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
