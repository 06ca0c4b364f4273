package dev.gatehouse.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.revocation.RevokedKind;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.TokenHash;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What two nodes racing on one PostgreSQL database must not get wrong: each pool here stands for a
 * node, with its own connections.
 */
class PostgresConcurrencyIT {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestDatabase database;
    private PostgresDatabase nodeA;
    private PostgresDatabase nodeB;

    @BeforeEach
    void open() {
        database = PostgresServer.shared().createDatabase();
        nodeA = PostgresDatabase.open(PostgresLocation.parse(database.url()), true);
        nodeB = PostgresDatabase.open(PostgresLocation.parse(database.url()), true);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void concurrentRotationsOfOneRefreshTokenFromTwoNodesYieldExactlyOneSuccessor() throws Exception {
        nodeA.accounts()
                .insert(new Account(
                        new AccountId("ada"),
                        new EmailAddress("ada@example.com"),
                        new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                        Role.USER,
                        false,
                        T0));
        for (int round = 0; round < 20; round++) {
            String family = "f" + round;
            SessionId session = new SessionId("s" + round);
            nodeA.sessions()
                    .insert(new Session(
                            session,
                            new AccountId("ada"),
                            new TokenHash(hex(round, 'a')),
                            T0,
                            T0,
                            T0.plusSeconds(3600),
                            new ClientDetails("::1", "t"),
                            SessionKind.APP));
            nodeA.refreshTokens()
                    .insertFamily(
                            new RefreshFamily(
                                    family,
                                    session,
                                    new AccountId("ada"),
                                    new ClientId("app"),
                                    0,
                                    T0,
                                    T0,
                                    T0.plusSeconds(3600),
                                    "",
                                    List.of("api")),
                            new TokenHash(hex(round, 'b')));
            int r = round;
            List<Boolean> outcomes = race(
                    () -> nodeA.refreshTokens().rotate(family, 0, new TokenHash(hex(r, 'c')), T0),
                    () -> nodeB.refreshTokens().rotate(family, 0, new TokenHash(hex(r, 'd')), T0));

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(true, false);
            assertThat(nodeB.refreshTokens()
                            .findByTokenHash(new TokenHash(hex(r, 'b')))
                            .orElseThrow()
                            .family()
                            .generation())
                    .isEqualTo(1);
        }
    }

    @Test
    void concurrentAppendsFromTwoNodesAreSeenInCursorOrderWithoutGaps() throws Exception {
        int perNode = 100;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> appends = new ArrayList<>();
            for (int i = 0; i < perNode; i++) {
                int n = i;
                appends.add(pool.submit(
                        () -> nodeA.revocations().append(RevokedKind.SESSION, "a" + n, T0, T0.plusSeconds(60))));
                appends.add(pool.submit(
                        () -> nodeB.revocations().append(RevokedKind.TOKEN, "b" + n, T0, T0.plusSeconds(60))));
            }
            // A follower reading while appends commit must never move past a cursor it has not seen.
            Set<String> seen = new HashSet<>();
            long cursor = 0;
            while (seen.size() < 2 * perNode) {
                for (Revocation entry : nodeB.revocations().after(cursor, 7)) {
                    assertThat(entry.cursor()).isGreaterThan(cursor);
                    cursor = entry.cursor();
                    assertThat(seen.add(entry.id())).isTrue();
                }
            }
            for (Future<Long> append : appends) {
                assertThat(append.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Boolean> race(Callable<Boolean> first, Callable<Boolean> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Boolean> a = pool.submit(() -> {
                start.await();
                return first.call();
            });
            Future<Boolean> b = pool.submit(() -> {
                start.await();
                return second.call();
            });
            start.countDown();
            return List.of(a.get(), b.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String hex(int round, char fill) {
        String prefix = String.format("%04x", round);
        return prefix + String.valueOf(fill).repeat(64 - prefix.length());
    }
}
