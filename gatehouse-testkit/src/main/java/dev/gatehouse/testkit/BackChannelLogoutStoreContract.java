package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.BackChannelLogoutStore;
import dev.gatehouse.core.oidc.PendingLogout;
import dev.gatehouse.core.session.SessionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BackChannelLogoutStore} must do: links that die with the session, a claimable outbox. */
public abstract class BackChannelLogoutStoreContract {
    protected static final SessionId SESSION = new SessionId("s1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.5Z");

    private BackChannelLogoutStore store;

    /** A new, empty store in which the browser session {@link #SESSION} (of account {@code ada}) exists. */
    protected abstract BackChannelLogoutStore newStore();

    /** Ends the session {@link #SESSION} the way a sign-out does. */
    protected abstract void deleteSession();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static PendingLogout pending(String id, Instant due) {
        return new PendingLogout(
                id, new ClientId("shop"), "https://shop.example/bc", "ada", SESSION, 0, due, T0, Optional.empty());
    }

    @Test
    void linksEachClientOnceAndForgetsThemWithTheSession() {
        store.link(SESSION, new ClientId("shop"), new AccountId("ada"));
        store.link(SESSION, new ClientId("shop"), new AccountId("ada"));
        store.link(SESSION, new ClientId("blog"), new AccountId("ada"));

        assertThat(store.clientsOf(SESSION)).containsExactly(new ClientId("blog"), new ClientId("shop"));
        assertThat(store.subjectOf(SESSION, new ClientId("shop"))).contains("ada");

        deleteSession();

        assertThat(store.clientsOf(SESSION)).isEmpty();
    }

    @Test
    void outboxEntriesOutliveTheirSession() {
        store.enqueue(pending("p1", T0));

        deleteSession();

        assertThat(store.find("p1")).contains(pending("p1", T0));
    }

    @Test
    void handsOutDueEntriesAndLetsOneNodeClaimEach() {
        store.enqueue(pending("p1", T0));
        store.enqueue(pending("p2", T0.plusSeconds(60)));

        assertThat(store.due(T0, 10)).containsExactly(pending("p1", T0));
        assertThat(store.claim("p1", T0, T0.plusSeconds(30))).isTrue();
        assertThat(store.claim("p1", T0, T0.plusSeconds(30))).isFalse();
        assertThat(store.due(T0.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void reschedulesAndRemoves() {
        store.enqueue(pending("p1", T0));

        store.reschedule("p1", 3, T0.plusSeconds(40), "answered 503");

        PendingLogout rescheduled = store.find("p1").orElseThrow();
        assertThat(rescheduled.attempts()).isEqualTo(3);
        assertThat(rescheduled.nextAttemptAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(rescheduled.lastError()).contains("answered 503");
        assertThat(store.pendingFor(new ClientId("shop"))).containsExactly(rescheduled);
        store.remove("p1");
        assertThat(store.find("p1")).isEmpty();
    }
}
