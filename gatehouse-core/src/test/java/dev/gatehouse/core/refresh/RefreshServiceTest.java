package dev.gatehouse.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.limit.Limit;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.LocalCounters;
import dev.gatehouse.core.limit.RateLimitPolicy;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionRevocationListener;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryAuditStore;
import dev.gatehouse.core.testing.InMemoryRefreshTokenStore;
import dev.gatehouse.core.testing.InMemorySessionStore;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One test per transition of the refresh state machine. */
class RefreshServiceTest {
    private static final RefreshPolicy POLICY =
            new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ofSeconds(30));
    private static final ClientId APP = new ClientId("mobile");

    private static final ClientDetails PHONE = new ClientDetails("198.51.100.7", "OrdersApp/3.1");
    private static final ClientDetails THIEF = new ClientDetails("203.0.113.66", "curl/8.5");

    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    private final InMemorySessionStore sessionStore = new InMemorySessionStore();
    private final InMemoryAuditStore auditStore = new InMemoryAuditStore();
    private final TestClock clock = TestClock.startingAt("2026-02-01T10:00:00Z");
    private final CountingRandom random = new CountingRandom(3);
    private final AuditTrail audit = new AuditTrail(auditStore, event -> {}, Duration.ofDays(1), clock);
    private final SessionService sessions = new SessionService(
            sessionStore,
            SessionPolicy.DEFAULT,
            new SessionPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ofMinutes(1)),
            clock,
            random,
            SessionRevocationListener.NONE);
    private final RefreshService service = new RefreshService(
            store,
            new KeyedHash(new byte[32]),
            POLICY,
            clock,
            random,
            sessions,
            RateLimiter.unlimited(clock),
            audit,
            Transactions.IMMEDIATE);
    private Session login;

    private String start() {
        login = sessions.start(new AccountId("ada"), PHONE, SessionKind.APP).session();
        return service.start(login.id(), new AccountId("ada"), APP, "openid", List.of("orders-api"));
    }

    private List<AuditEvent> events(AuditType type) {
        return auditStore.all().stream().filter(e -> e.type() == type).toList();
    }

    private String rotate(String token) {
        var outcome = service.refresh(token, APP, PHONE);
        assertThat(outcome).isInstanceOf(RefreshOutcome.Rotated.class);
        return ((RefreshOutcome.Rotated) outcome).refreshToken();
    }

    @Test
    void theCurrentTokenRotatesToANewOne() {
        String first = start();

        var outcome = (RefreshOutcome.Rotated) service.refresh(first, APP, PHONE);

        assertThat(outcome.refreshToken()).isNotEqualTo(first).hasSize(43);
        assertThat(outcome.family().generation()).isEqualTo(1);
        assertThat(rotate(outcome.refreshToken())).isNotEqualTo(outcome.refreshToken());
    }

    @Test
    void theImmediatePredecessorWithinTheGraceGetsTheSameSuccessor() {
        String first = start();
        String second = rotate(first);

        clock.advance(Duration.ofSeconds(29));

        assertThat(rotate(first)).isEqualTo(second);
        assertThat(rotate(second)).isNotEqualTo(second);
    }

    @Test
    void thePredecessorAfterTheGraceIsReuse() {
        String first = start();
        rotate(first);
        clock.advance(Duration.ofSeconds(30));

        var outcome = service.refresh(first, APP, PHONE);

        assertThat(outcome).isInstanceOfSatisfying(RefreshOutcome.ReuseDetected.class, reuse -> {
            assertThat(reuse.presentedGeneration()).isZero();
            assertThat(reuse.family().generation()).isEqualTo(1);
            assertThat(reuse.sinceRotation()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void reuseRevokesTheLoginAndRecordsTheEvidence() {
        String first = start();
        String second = rotate(first);
        clock.advance(Duration.ofMinutes(5));

        assertThat(service.refresh(first, APP, THIEF)).isInstanceOf(RefreshOutcome.ReuseDetected.class);

        assertThat(sessions.findLive(login.id())).isEmpty();
        assertThat(service.refresh(second, APP, PHONE)).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(events(AuditType.REFRESH_REUSE_DETECTED)).singleElement().satisfies(event -> {
            assertThat(event.accountId()).contains("ada");
            assertThat(event.actor()).isEqualTo("mobile");
            assertThat(event.ipAddress()).contains(THIEF.ipAddress());
            assertThat(event.details())
                    .containsEntry("session_id", login.id().value())
                    .containsEntry("presented_generation", "0")
                    .containsEntry("current_generation", "1")
                    .containsEntry("ms_since_rotation", "300000")
                    .containsEntry("same_ip_as_login", "false")
                    .containsEntry("same_user_agent_as_login", "false");
        });
    }

    @Test
    void aRotationCountsAsUseOfTheLoginAndIsAudited() {
        String first = start();
        clock.advance(Duration.ofMinutes(10));

        rotate(first);

        assertThat(sessions.findLive(login.id()).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
        assertThat(events(AuditType.REFRESH_ROTATED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("generation", "1"));
    }

    @Test
    void oneFamilyRefreshesOnlySoOftenWhateverItsAddress() {
        RateLimiter limiter = new RateLimiter(
                new LocalCounters(clock, 1_000),
                new RateLimitPolicy(
                        Map.of(),
                        Map.of(LimitedAction.REFRESH, new Limit(2, Duration.ofMinutes(1))),
                        Map.of(),
                        5,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(15)),
                clock,
                audit);
        RefreshService limited = new RefreshService(
                store,
                new KeyedHash(new byte[32]),
                POLICY,
                clock,
                random,
                sessions,
                limiter,
                audit,
                Transactions.IMMEDIATE);
        String token = start();
        String other = start();
        token = ((RefreshOutcome.Rotated) limited.refresh(token, APP, PHONE)).refreshToken();
        token = ((RefreshOutcome.Rotated) limited.refresh(token, APP, PHONE)).refreshToken();

        assertThat(limited.refresh(token, APP, PHONE)).isInstanceOf(RefreshOutcome.Throttled.class);
        assertThat(limited.refresh(other, APP, PHONE)).isInstanceOf(RefreshOutcome.Rotated.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(limited.refresh(token, APP, PHONE)).isInstanceOf(RefreshOutcome.Rotated.class);
    }

    @Test
    void revokingARefreshTokenEndsItsLoginOnlyForItsOwnClient() {
        String first = start();

        assertThat(service.revoke(first, new ClientId("other"), dev.gatehouse.core.audit.Actor.SYSTEM))
                .isFalse();
        assertThat(sessions.findLive(login.id())).isPresent();
        assertThat(service.revoke(first, APP, dev.gatehouse.core.audit.Actor.SYSTEM))
                .isTrue();
        assertThat(sessions.findLive(login.id())).isEmpty();
        assertThat(events(AuditType.TOKEN_REVOKED)).hasSize(1);
    }

    @Test
    void anOlderGenerationIsReuseEvenWithinTheGrace() {
        String first = start();
        String second = rotate(first);
        rotate(second);

        assertThat(service.refresh(first, APP, PHONE)).isInstanceOf(RefreshOutcome.ReuseDetected.class);
    }

    @Test
    void aFamilyUnusedForTheIdleTimeoutIsExpired() {
        String first = start();
        clock.advance(Duration.ofDays(14));

        assertThat(service.refresh(first, APP, PHONE)).isInstanceOf(RefreshOutcome.Expired.class);
    }

    @Test
    void aFamilyPastItsAbsoluteLifetimeIsExpiredHoweverActive() {
        String token = start();
        for (int i = 0; i < 8; i++) { // used every 10 days: 80 days in, still alive
            clock.advance(Duration.ofDays(10));
            token = rotate(token);
        }
        clock.advance(Duration.ofDays(10));

        assertThat(service.refresh(token, APP, PHONE)).isInstanceOf(RefreshOutcome.Expired.class);
    }

    @Test
    void anotherClientsOrAnUnknownTokenIsUnknown() {
        String first = start();

        assertThat(service.refresh(first, new ClientId("other"), PHONE)).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(service.refresh("A".repeat(43), APP, PHONE)).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(service.refresh("not a token", APP, PHONE)).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(rotate(first)).isNotNull();
    }

    @Test
    void aFamilyWhoseSessionIsGoneIsUnknown() {
        String first = start();
        store.deleteFamiliesOf(login.id());

        assertThat(service.refresh(first, APP, PHONE)).isInstanceOf(RefreshOutcome.Unknown.class);
    }

    @Test
    void tenConcurrentRefreshesOfOneTokenYieldExactlyOneSuccessorAndNoReuse() throws Exception {
        String first = start();
        int threads = 10;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        Set<String> successors = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<RefreshOutcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    barrier.await();
                    return service.refresh(first, APP, PHONE);
                }));
            }
            for (Future<RefreshOutcome> outcome : outcomes) {
                assertThat(outcome.get()).isInstanceOf(RefreshOutcome.Rotated.class);
                successors.add(((RefreshOutcome.Rotated) outcome.get()).refreshToken());
            }
        }
        assertThat(successors).hasSize(1);
        assertThat(rotate(successors.iterator().next())).isNotNull();
    }
}
