package dev.gatehouse.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryRefreshTokenStore;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import java.util.List;
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

    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    private final TestClock clock = TestClock.startingAt("2026-02-01T10:00:00Z");
    private final RefreshService service =
            new RefreshService(store, new KeyedHash(new byte[32]), POLICY, clock, new CountingRandom(3));

    private String start() {
        return service.start(new SessionId("s1"), new AccountId("ada"), APP, "openid", List.of("orders-api"));
    }

    private String rotate(String token) {
        var outcome = service.refresh(token, APP);
        assertThat(outcome).isInstanceOf(RefreshOutcome.Rotated.class);
        return ((RefreshOutcome.Rotated) outcome).refreshToken();
    }

    @Test
    void theCurrentTokenRotatesToANewOne() {
        String first = start();

        var outcome = (RefreshOutcome.Rotated) service.refresh(first, APP);

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

        var outcome = service.refresh(first, APP);

        assertThat(outcome).isInstanceOfSatisfying(RefreshOutcome.ReuseDetected.class, reuse -> {
            assertThat(reuse.presentedGeneration()).isZero();
            assertThat(reuse.family().generation()).isEqualTo(1);
            assertThat(reuse.sinceRotation()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void anOlderGenerationIsReuseEvenWithinTheGrace() {
        String first = start();
        String second = rotate(first);
        rotate(second);

        assertThat(service.refresh(first, APP)).isInstanceOf(RefreshOutcome.ReuseDetected.class);
    }

    @Test
    void aFamilyUnusedForTheIdleTimeoutIsExpired() {
        String first = start();
        clock.advance(Duration.ofDays(14));

        assertThat(service.refresh(first, APP)).isInstanceOf(RefreshOutcome.Expired.class);
    }

    @Test
    void aFamilyPastItsAbsoluteLifetimeIsExpiredHoweverActive() {
        String token = start();
        for (int i = 0; i < 8; i++) { // used every 10 days: 80 days in, still alive
            clock.advance(Duration.ofDays(10));
            token = rotate(token);
        }
        clock.advance(Duration.ofDays(10));

        assertThat(service.refresh(token, APP)).isInstanceOf(RefreshOutcome.Expired.class);
    }

    @Test
    void anotherClientsOrAnUnknownTokenIsUnknown() {
        String first = start();

        assertThat(service.refresh(first, new ClientId("other"))).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(service.refresh("A".repeat(43), APP)).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(service.refresh("not a token", APP)).isInstanceOf(RefreshOutcome.Unknown.class);
        assertThat(rotate(first)).isNotNull();
    }

    @Test
    void aFamilyWhoseSessionIsGoneIsUnknown() {
        String first = start();
        store.deleteFamiliesOf(new SessionId("s1"));

        assertThat(service.refresh(first, APP)).isInstanceOf(RefreshOutcome.Unknown.class);
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
                    return service.refresh(first, APP);
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
