package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.session.TokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do. An adapter's test extends this and supplies a fresh, empty store. */
public abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final AccountId ADA = new AccountId("ada");
    private static final AccountId GRACE = new AccountId("grace");

    private SessionStore store;

    /**
     * A new, empty store; called before every test. Stores that keep accounts apart from sessions may
     * need the accounts {@code ada} and {@code grace} to exist: create them here.
     */
    protected abstract SessionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static Session session(String id, AccountId owner, Instant created) {
        return session(id, owner, created, SessionKind.BROWSER);
    }

    private static Session session(String id, AccountId owner, Instant created, SessionKind kind) {
        return new Session(
                new SessionId(id),
                owner,
                new TokenHash(Sha256.hex("token-" + id)),
                created,
                created,
                created.plus(Duration.ofHours(8)),
                new ClientDetails("2001:db8::1", "Mozilla/5.0 (Macintosh) Safari/605.1.15 \u00e9"),
                kind);
    }

    @Test
    void keepsHowAndWhenTheSessionWasAuthenticated() {
        Session s = session("s1", ADA, T0)
                .withAuthentication(
                        java.util.Set.of(
                                dev.gatehouse.core.session.AuthenticationMethod.PWD,
                                dev.gatehouse.core.session.AuthenticationMethod.OTP,
                                dev.gatehouse.core.session.AuthenticationMethod.MFA),
                        T0.plusSeconds(3));
        store.insert(s);
        assertThat(store.findById(s.id())).contains(s);

        Instant stepUp = T0.plus(Duration.ofMinutes(20));
        assertThat(store.updateAuthentication(s.id(), dev.gatehouse.core.session.AuthenticationMethod.PASSWORD, stepUp))
                .isTrue();
        assertThat(store.findByTokenHash(s.tokenHash()).orElseThrow()).satisfies(found -> {
            assertThat(found.amr()).containsExactly(dev.gatehouse.core.session.AuthenticationMethod.PWD);
            assertThat(found.authTime()).isEqualTo(stepUp);
        });
        assertThat(store.updateAuthentication(new SessionId("gone"), java.util.Set.of(), stepUp))
                .isFalse();
    }

    @Test
    void findsASessionByItsTokenHashWithEveryFieldIntact() {
        Session s = session("s1", ADA, T0);
        store.insert(s);

        assertThat(store.findByTokenHash(s.tokenHash())).contains(s);
        assertThat(store.findByTokenHash(new TokenHash(Sha256.hex("other")))).isEmpty();
        assertThat(store.findById(s.id())).contains(s);
        assertThat(store.findById(new SessionId("other"))).isEmpty();
    }

    @Test
    void countsTheSessionsBeforeTheirAbsoluteEndOfEveryAccountAndKind() {
        store.insert(session("s1", ADA, T0));
        store.insert(session("s2", GRACE, T0.plus(Duration.ofHours(1)), SessionKind.APP));

        assertThat(store.countLive(T0.plus(Duration.ofHours(7)))).isEqualTo(2);
        assertThat(store.countLive(T0.plus(Duration.ofHours(8))))
                .as("s1 ends at 8 h")
                .isEqualTo(1);
        assertThat(store.countLive(T0.plus(Duration.ofHours(9)))).isZero();
    }

    @Test
    void countsOneAccountsSessionsOfEveryKindAndNoOneElses() {
        store.insert(session("b", ADA, T0));
        store.insert(session("a", ADA, T0.plusSeconds(1), SessionKind.APP));
        store.insert(session("hers", GRACE, T0));

        assertThat(store.countByAccount(ADA)).isEqualTo(2);
        assertThat(store.countByAccount(GRACE)).isEqualTo(1);
        assertThat(store.countByAccount(new AccountId("nobody"))).isZero();
        store.delete(ADA, new SessionId("b"));
        assertThat(store.countByAccount(ADA)).isEqualTo(1);
    }

    @Test
    void keepsTheKindOfSession() {
        Session app = session("app", ADA, T0, SessionKind.APP);
        store.insert(app);

        assertThat(store.findById(app.id()).orElseThrow().kind()).isEqualTo(SessionKind.APP);
    }

    @Test
    void purgesOnlyTheKindItIsAskedTo() {
        store.insert(session("browser", ADA, T0, SessionKind.BROWSER));
        store.insert(session("app", ADA, T0, SessionKind.APP));
        Instant now = T0.plus(Duration.ofHours(1));

        assertThat(store.deleteExpired(now, now.minus(Duration.ofMinutes(30)), SessionKind.BROWSER))
                .isEqualTo(1);
        assertThat(store.listByAccount(ADA)).extracting(s -> s.id().value()).containsExactly("app");
    }

    @Test
    void listsAnAccountsSessionsNewestFirstAndNoOneElses() {
        store.insert(session("old", ADA, T0));
        store.insert(session("new", ADA, T0.plusSeconds(60)));
        store.insert(session("hers", GRACE, T0.plusSeconds(30)));

        assertThat(store.listByAccount(ADA)).extracting(s -> s.id().value()).containsExactly("new", "old");
        assertThat(store.listByAccount(new AccountId("nobody"))).isEmpty();
    }

    @Test
    void namesTheLeastRecentlyUsedSessionsFirstAndNeverTheOneToKeep() {
        store.insert(session("made-late-used-least", ADA, T0.plusSeconds(30)));
        store.insert(session("made-first", ADA, T0));
        store.insert(session("kept", ADA, T0.minusSeconds(60)));
        store.insert(session("busy", ADA, T0.minusSeconds(30)));
        store.insert(session("hers", GRACE, T0.minusSeconds(90)));
        store.updateLastSeen(new SessionId("made-first"), T0.plusSeconds(100));
        store.updateLastSeen(new SessionId("busy"), T0.plusSeconds(200));

        assertThat(store.leastRecentlyUsed(ADA, new SessionId("kept"), 2))
                .extracting(SessionId::value)
                .containsExactly("made-late-used-least", "made-first");
        assertThat(store.leastRecentlyUsed(ADA, new SessionId("kept"), 10))
                .extracting(SessionId::value)
                .containsExactly("made-late-used-least", "made-first", "busy");
        assertThat(store.leastRecentlyUsed(new AccountId("nobody"), new SessionId("kept"), 5))
                .isEmpty();
    }

    @Test
    void updatesLastSeen() {
        Session s = session("s1", ADA, T0);
        store.insert(s);
        Instant later = T0.plus(Duration.ofMinutes(5));

        store.updateLastSeen(s.id(), later);

        assertThat(store.findByTokenHash(s.tokenHash()).orElseThrow().lastSeenAt())
                .isEqualTo(later);
    }

    @Test
    void deletesASessionOnlyForItsOwner() {
        Session s = session("s1", ADA, T0);
        store.insert(s);

        assertThat(store.delete(GRACE, s.id())).isFalse();
        assertThat(store.findByTokenHash(s.tokenHash())).isPresent();
        assertThat(store.delete(ADA, s.id())).isTrue();
        assertThat(store.findByTokenHash(s.tokenHash())).isEmpty();
        assertThat(store.delete(ADA, s.id())).isFalse();
    }

    @Test
    void deletesAllOfAnAccountsSessionsOrAllButOne() {
        store.insert(session("a1", ADA, T0));
        store.insert(session("a2", ADA, T0));
        store.insert(session("a3", ADA, T0));
        store.insert(session("g1", GRACE, T0));

        assertThat(store.deleteAllOf(ADA, Optional.of(new SessionId("a2"))))
                .containsExactlyInAnyOrder(new SessionId("a1"), new SessionId("a3"));
        assertThat(store.listByAccount(ADA)).extracting(s -> s.id().value()).containsExactly("a2");
        assertThat(store.deleteAllOf(ADA, Optional.empty())).containsExactly(new SessionId("a2"));
        assertThat(store.listByAccount(ADA)).isEmpty();
        assertThat(store.listByAccount(GRACE)).hasSize(1);
    }

    @Test
    void deletesSessionsPastTheirAbsoluteEndOrIdleTooLong() {
        Session fresh = session("fresh", ADA, T0.plus(Duration.ofHours(7).plusMinutes(40)));
        Session idle = session("idle", ADA, T0.plus(Duration.ofHours(6)));
        Session ancient = session("ancient", ADA, T0);
        store.insert(fresh);
        store.insert(idle);
        store.insert(ancient);
        store.updateLastSeen(ancient.id(), T0.plus(Duration.ofHours(7).plusMinutes(59)));
        Instant now = T0.plus(Duration.ofHours(8));

        assertThat(store.findExpired(now, now.minus(Duration.ofMinutes(30)), SessionKind.BROWSER))
                .containsExactlyInAnyOrder(idle.id(), ancient.id());
        assertThat(store.findExpired(now, now.minus(Duration.ofMinutes(30)), SessionKind.APP))
                .isEmpty();
        int deleted = store.deleteExpired(now, now.minus(Duration.ofMinutes(30)), SessionKind.BROWSER);

        assertThat(deleted).isEqualTo(2);
        assertThat(store.listByAccount(ADA)).extracting(s -> s.id().value()).containsExactly("fresh");
    }
}
