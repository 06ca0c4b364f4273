package dev.gatehouse.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.TokenHash;
import dev.gatehouse.store.jdbc.BatchCommitted;
import dev.gatehouse.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on the real embedded database: writes that wait together commit together, each fails
 * alone, a group is all or nothing, and nothing is answered before it is durable.
 */
class GroupCommitIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant AT = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path dataDirectory;

    private SqliteDatabase database;
    private final List<BatchCommitted> batches = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dataDirectory);
        database.onBatchCommitted(batches::add);
    }

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        database.close();
    }

    private static AuditEvent event(String actor) {
        return new AuditEvent(0, AT, AuditType.LOGOUT, Optional.empty(), actor, Optional.empty(), Map.of());
    }

    private List<AuditEvent> storedEvents() {
        return database.auditEvents()
                .find(new AuditQuery(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 500));
    }

    /** Holds the writer inside a group until the returned latch is released; returns once it holds it. */
    private CountDownLatch holdTheWriter() {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        threads.submit(() -> database.transactions().inOne(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        Await.until("the writer is held", WAIT, () -> held.getCount() == 0);
        return release;
    }

    @Test
    void writesThatWaitTogetherCommitAsOneTransaction() {
        CountDownLatch release = holdTheWriter();
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String actor = "writer-" + i;
            appends.add(
                    CompletableFuture.supplyAsync(() -> database.auditEvents().append(event(actor)), threads));
        }
        Await.until("50 writes wait behind the held batch", WAIT, () -> database.waitingWrites() == 50);
        assertThat(appends).noneMatch(CompletableFuture::isDone);

        release.countDown();

        assertThat(appends.stream().map(CompletableFuture::join).distinct()).hasSize(50);
        assertThat(storedEvents()).hasSize(50);
        assertThat(batches).anySatisfy(batch -> assertThat(batch.writes()).isEqualTo(50));
    }

    @Test
    void aFailingWriteFailsAloneAndItsNeighboursCommit() {
        Session orphan = new Session(
                new SessionId("orphan"),
                new AccountId("no-such-account"),
                new TokenHash("a".repeat(64)),
                AT,
                AT,
                AT.plusSeconds(3600),
                new ClientDetails("192.0.2.1", "test"),
                SessionKind.BROWSER);
        CountDownLatch release = holdTheWriter();

        CompletableFuture<Long> before =
                CompletableFuture.supplyAsync(() -> database.auditEvents().append(event("before")), threads);
        Await.until("the first write waits", WAIT, () -> database.waitingWrites() == 1);
        // A session of no account: a foreign-key violation inside the shared transaction.
        CompletableFuture<Void> bad =
                CompletableFuture.runAsync(() -> database.sessions().insert(orphan), threads);
        Await.until("the bad write waits", WAIT, () -> database.waitingWrites() == 2);
        CompletableFuture<Long> after =
                CompletableFuture.supplyAsync(() -> database.auditEvents().append(event("after")), threads);
        Await.until("three writes wait", WAIT, () -> database.waitingWrites() == 3);

        release.countDown();

        assertThatThrownBy(bad::join).hasCauseInstanceOf(StoreUnavailableException.class);
        before.join();
        after.join();
        assertThat(storedEvents()).extracting(AuditEvent::actor).containsExactlyInAnyOrder("before", "after");
        assertThat(database.sessions().findById(orphan.id())).isEmpty();
        assertThat(batches).anySatisfy(batch -> {
            assertThat(batch.writes()).isEqualTo(3);
            assertThat(batch.failedWrites()).isEqualTo(1);
        });
    }

    @Test
    void aGroupSeesItsOwnWritesAndCommitsAllOrNothing() {
        Transactions transactions = database.transactions();

        int seen = transactions.inOne(() -> {
            database.auditEvents().append(event("kept"));
            return storedEvents().size(); // a read inside the group sees the group's write
        });
        assertThatThrownBy(() -> transactions.inOne(() -> {
                    database.auditEvents().append(event("rolled-back"));
                    throw new IllegalStateException("the change after the event failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(seen).isEqualTo(1);
        assertThat(storedEvents()).extracting(AuditEvent::actor).containsExactly("kept");
    }

    @Test
    void whatWaitsForTheCommitRunsAfterItAndNotForARolledBackGroup() {
        Transactions transactions = database.transactions();
        List<String> afterCommit = new CopyOnWriteArrayList<>();

        transactions.inOne(() -> {
            database.auditEvents().append(event("announced"));
            transactions.afterCommit(() -> afterCommit.add("durable: " + storedEventsFromAnotherConnection()));
            assertThat(afterCommit).isEmpty();
            return null;
        });
        assertThatThrownBy(() -> transactions.inOne(() -> {
                    transactions.afterCommit(() -> afterCommit.add("never"));
                    throw new IllegalStateException("rolled back");
                }))
                .isInstanceOf(IllegalStateException.class);
        transactions.afterCommit(() -> afterCommit.add("outside a group: at once"));

        assertThat(afterCommit).containsExactly("durable: 1", "outside a group: at once");
    }

    /** Counted on a pooled connection: only what is committed is visible there. */
    private int storedEventsFromAnotherConnection() {
        try (var connection = database.dataSource().getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM audit_events")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesQueuedAtCloseAreCommittedAndLaterOnesRefused() {
        CountDownLatch release = holdTheWriter();
        CompletableFuture<Long> queued =
                CompletableFuture.supplyAsync(() -> database.auditEvents().append(event("queued")), threads);
        Await.until("the write waits", WAIT, () -> database.waitingWrites() == 1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(database::close, threads);

        release.countDown();
        closing.join();

        assertThat(queued.join()).isPositive();
        assertThatThrownBy(() -> database.auditEvents().append(event("late")))
                .isInstanceOf(StoreUnavailableException.class);
        try (SqliteDatabase reopened = SqliteDatabase.open(dataDirectory)) {
            assertThat(reopened.auditEvents()
                            .find(new AuditQuery(
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    10)))
                    .extracting(AuditEvent::actor)
                    .containsExactly("queued");
        }
    }
}
