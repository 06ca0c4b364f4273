package dev.gatehouse.core.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.NewSession;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryRevocationStore;
import dev.gatehouse.core.testing.InMemorySessionStore;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every way a session ends by someone's decision reaches the feed; expiry does not, it needs no telling. */
class RevocationFeedTest {
    private final TestClock clock = TestClock.startingAt("2026-04-01T08:00:00Z");
    private final InMemoryRevocationStore store = new InMemoryRevocationStore();
    private final RevocationFeed feed = new RevocationFeed(store, Duration.ofMinutes(6), clock, Transactions.IMMEDIATE);
    private final SessionService sessions = new SessionService(
            new InMemorySessionStore(),
            SessionPolicy.DEFAULT,
            SessionPolicy.DEFAULT,
            clock,
            new CountingRandom(4),
            feed);
    private final AccountId ada = new AccountId("ada");
    private final ClientDetails client = new ClientDetails("::1", "test");

    @Test
    void recordsOneRevokedSessionUntilItsTokensHaveExpired() {
        NewSession s = sessions.start(ada, client);

        sessions.revoke(ada, s.session().id());

        assertThat(feed.after(0, 10))
                .containsExactly(new Revocation(
                        1,
                        RevokedKind.SESSION,
                        s.session().id().value(),
                        clock.instant(),
                        clock.instant().plus(Duration.ofMinutes(6))));
        clock.advance(Duration.ofMinutes(6));
        assertThat(feed.purgeExpired()).isEqualTo(1);
    }

    @Test
    void recordsEverySessionOfLogOutEverywhereAndNothingForAFailedRevoke() {
        NewSession one = sessions.start(ada, client);
        NewSession two = sessions.start(ada, client);
        NewSession kept = sessions.start(ada, client);

        sessions.revoke(new AccountId("mallory"), one.session().id());
        sessions.revokeAllExcept(ada, kept.session().id());

        assertThat(feed.after(0, 10))
                .extracting(Revocation::id)
                .containsExactlyInAnyOrder(
                        one.session().id().value(), two.session().id().value());
    }

    @Test
    void recordsARevokedTokenUntilItsOwnExpiry() {
        Instant expiry = clock.instant().plusSeconds(200);

        feed.tokenRevoked("jti-1", expiry);

        assertThat(feed.after(0, 10))
                .extracting(Revocation::kind, Revocation::id, Revocation::expiresAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RevokedKind.TOKEN, "jti-1", expiry));
    }

    @Test
    void neverSleepsThroughAnAppendThatCameBeforeTheWait() throws Exception {
        long seen = feed.appendCount();
        feed.tokenRevoked("jti-early", clock.instant().plusSeconds(60));

        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                feed.awaitAppend(seen, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(waiter.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void wakesAWaitingStreamAtOnceWhenClosed() throws Exception {
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                feed.awaitAppend(feed.appendCount(), Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        feed.close();

        assertThat(waiter.join(Duration.ofSeconds(5))).isTrue();
        assertThat(feed.isClosed()).isTrue();
    }
}
