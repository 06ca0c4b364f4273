package dev.gatehouse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemorySessionStore;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    private static final SessionPolicy POLICY =
            new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(8), Duration.ofMinutes(1));
    private static final ClientDetails BROWSER =
            new ClientDetails("203.0.113.7", "Mozilla/5.0 (X11; Linux) Firefox/140");

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final TestClock clock = TestClock.startingAt("2026-01-01T09:00:00Z");
    private final SessionService service = new SessionService(store, POLICY, clock, new CountingRandom(7));
    private final AccountId ada = new AccountId("ada");

    @Test
    void startsASessionFoundByItsTokenWhileOnlyTheHashIsStored() {
        NewSession started = service.start(ada, BROWSER);

        assertThat(started.token().reveal()).hasSize(43);
        assertThat(started.session().tokenHash()).isEqualTo(started.token().hash());
        assertThat(started.session().tokenHash().hex())
                .doesNotContain(started.token().reveal());
        assertThat(service.check(started.token())).isEqualTo(new SessionCheck.Active(started.session()));
    }

    @Test
    void issuesANewTokenAtEveryLoginSoNoneCanBeFixedInAdvance() {
        NewSession first = service.start(ada, BROWSER);
        NewSession second = service.start(ada, BROWSER);

        assertThat(second.token().reveal()).isNotEqualTo(first.token().reveal());
        assertThat(second.session().id()).isNotEqualTo(first.session().id());
    }

    @Test
    void aTokenNobodyIssuedIsInvalid() {
        SessionToken forged = SessionToken.parse("A".repeat(43)).orElseThrow();

        assertThat(service.check(forged)).isInstanceOf(SessionCheck.Invalid.class);
        assertThat(SessionToken.parse("too-short")).isEmpty();
        assertThat(SessionToken.parse("A".repeat(42) + "=")).isEmpty();
    }

    @Test
    void endsAfterTheIdleTimeoutWithoutUse() {
        NewSession started = service.start(ada, BROWSER);

        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(service.check(started.token())).isInstanceOf(SessionCheck.Active.class);

        clock.advance(Duration.ofMinutes(30));
        assertThat(service.check(started.token())).isInstanceOf(SessionCheck.Invalid.class);
        assertThat(store.listByAccount(ada)).isEmpty();
    }

    @Test
    void staysAliveWhileUsedButEndsAtTheAbsoluteTimeout() {
        NewSession started = service.start(ada, BROWSER);

        // 16 uses, each 29m59s after the last, reach 7h59m44s: still inside the 8 hour limit.
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(30).minusSeconds(1));
            assertThat(service.check(started.token())).as("use %d", i).isInstanceOf(SessionCheck.Active.class);
        }
        clock.advance(Duration.ofSeconds(16));

        assertThat(service.check(started.token())).isInstanceOf(SessionCheck.Invalid.class);
    }

    @Test
    void writesLastSeenAtMostOncePerInterval() {
        NewSession started = service.start(ada, BROWSER);

        clock.advance(Duration.ofSeconds(59));
        service.check(started.token());
        assertThat(store.listByAccount(ada).getFirst().lastSeenAt())
                .isEqualTo(started.session().createdAt());

        clock.advance(Duration.ofSeconds(1));
        service.check(started.token());
        assertThat(store.listByAccount(ada).getFirst().lastSeenAt()).isEqualTo(clock.instant());
    }

    @Test
    void anAppSessionInUseOutlivesItsIdleTimeoutMeasuredFromLogin() {
        var app = new SessionPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ofMinutes(1));
        var both = new SessionService(store, POLICY, app, clock, new CountingRandom(8), id -> {});
        NewSession started = both.start(ada, BROWSER, SessionKind.APP);

        for (int day = 10; day <= 40; day += 10) {
            clock.advance(Duration.ofDays(10));
            Session live = both.findLive(started.session().id()).orElseThrow(() -> new AssertionError("gone"));
            both.recordUse(live);
        }
        clock.advance(Duration.ofDays(14));

        assertThat(both.findLive(started.session().id())).isEmpty();
    }

    @Test
    void revokesOneSessionOnlyForItsOwner() {
        NewSession mine = service.start(ada, BROWSER);
        AccountId mallory = new AccountId("mallory");

        assertThat(service.revoke(mallory, mine.session().id())).isFalse();
        assertThat(service.check(mine.token())).isInstanceOf(SessionCheck.Active.class);

        assertThat(service.revoke(ada, mine.session().id())).isTrue();
        assertThat(service.check(mine.token())).isInstanceOf(SessionCheck.Invalid.class);
    }

    @Test
    void logsOutEverywhereOrEverywhereElse() {
        NewSession laptop = service.start(ada, BROWSER);
        NewSession phone = service.start(ada, BROWSER);
        NewSession tablet = service.start(ada, BROWSER);
        NewSession other = service.start(new AccountId("grace"), BROWSER);

        assertThat(service.revokeAllExcept(ada, laptop.session().id())).isEqualTo(2);
        assertThat(service.check(laptop.token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(service.check(phone.token())).isInstanceOf(SessionCheck.Invalid.class);
        assertThat(service.check(tablet.token())).isInstanceOf(SessionCheck.Invalid.class);

        assertThat(service.revokeAll(ada)).isEqualTo(1);
        assertThat(service.check(laptop.token())).isInstanceOf(SessionCheck.Invalid.class);
        assertThat(service.check(other.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void listsOnlyLiveSessionsNewestFirst() {
        NewSession old = service.start(ada, BROWSER);
        clock.advance(Duration.ofMinutes(31));
        NewSession fresh = service.start(ada, BROWSER);

        assertThat(service.list(ada))
                .extracting(Session::id)
                .containsExactly(fresh.session().id());
        assertThat(service.purgeExpired()).isEqualTo(1);
        assertThat(store.listByAccount(ada))
                .extracting(Session::id)
                .doesNotContain(old.session().id());
    }

    /** What happens when a session ends (the apps' back-channel logout) also happens when it expires. */
    @Test
    void thePurgeTellsTheExpiryListenerOfTheExpiredBrowserSessionsBeforeDeletingThem() {
        java.util.List<SessionId> told = new java.util.ArrayList<>();
        boolean[] inTransaction = {false};
        var transactions = new dev.gatehouse.core.Transactions() {
            @Override
            public <T> T inOne(java.util.function.Supplier<T> work) {
                inTransaction[0] = true;
                try {
                    return work.get();
                } finally {
                    inTransaction[0] = false;
                }
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run();
            }
        };
        var listening = new SessionService(
                store,
                POLICY,
                POLICY,
                clock,
                new CountingRandom(9),
                id -> {},
                ids -> ids.forEach(id -> {
                    assertThat(store.findById(id)).as("still there when told").isPresent();
                    assertThat(inTransaction[0])
                            .as("told in the purge's transaction")
                            .isTrue();
                    told.add(id);
                }),
                transactions);
        NewSession old = listening.start(ada, BROWSER);
        clock.advance(POLICY.absoluteTimeout().plusMinutes(1));
        NewSession fresh = listening.start(ada, BROWSER);

        assertThat(listening.purgeExpired()).isEqualTo(1);

        assertThat(told).containsExactly(old.session().id());
        assertThat(store.findById(fresh.session().id())).isPresent();
    }

    @Test
    void derivesACsrfTokenThatMatchesOnlyItsOwnSession() {
        NewSession one = service.start(ada, BROWSER);
        NewSession two = service.start(ada, BROWSER);

        assertThat(one.token().csrfTokenMatches(one.token().csrfToken())).isTrue();
        assertThat(one.token().csrfTokenMatches(two.token().csrfToken())).isFalse();
        assertThat(one.token().csrfToken()).isNotEqualTo(one.token().reveal());
        assertThat(one.token()).hasToString("SessionToken[redacted]");
    }

    @Test
    void expiresAtTheEarlierOfTheIdleAndAbsoluteLimits() {
        NewSession started = service.start(ada, BROWSER);

        assertThat(started.session().expiresAt(POLICY))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        Session late = started.session()
                .withLastSeenAt(clock.instant().plus(Duration.ofHours(7).plusMinutes(50)));
        assertThat(late.expiresAt(POLICY)).isEqualTo(started.session().absoluteExpiresAt());
    }

    @Test
    void anAccountKeepsAtMostTheCapAndTheLeastRecentlyUsedSessionsEndFirst() {
        java.util.List<SessionId> revoked = new java.util.ArrayList<>();
        SessionService told = new SessionService(
                store, POLICY, POLICY, clock, new CountingRandom(11), (SessionRevocationListener) revoked::add);
        NewSession oldestButInUse = told.start(ada, BROWSER);
        clock.advance(Duration.ofSeconds(1));
        NewSession leastRecentlyUsed = told.start(ada, BROWSER);
        for (int i = 2; i < SessionService.MAX_PER_ACCOUNT; i++) {
            clock.advance(Duration.ofSeconds(1));
            told.start(ada, BROWSER);
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(told.check(oldestButInUse.token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(store.countByAccount(ada)).isEqualTo(SessionService.MAX_PER_ACCOUNT);
        assertThat(revoked).isEmpty();

        NewSession newest = told.start(ada, BROWSER);

        assertThat(store.countByAccount(ada)).isEqualTo(SessionService.MAX_PER_ACCOUNT);
        assertThat(revoked)
                .as("announced before it ends")
                .containsExactly(leastRecentlyUsed.session().id());
        assertThat(told.check(leastRecentlyUsed.token())).isInstanceOf(SessionCheck.Invalid.class);
        assertThat(told.check(oldestButInUse.token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(told.check(newest.token())).isInstanceOf(SessionCheck.Active.class);
        AccountId grace = new AccountId("grace");
        told.start(grace, BROWSER);
        assertThat(store.countByAccount(grace))
                .as("another account is not touched")
                .isEqualTo(1);
    }
}
