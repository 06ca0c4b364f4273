package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.login.PendingLogin;
import dev.gatehouse.core.login.PendingLoginStore;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.TokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PendingLoginStore} must do. Subclasses supply a fresh store where {@code ada} exists. */
public abstract class PendingLoginStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final AccountId ADA = new AccountId("ada");

    private PendingLoginStore store;

    protected abstract PendingLoginStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static PendingLogin pending(String id, Optional<String> client, Instant created) {
        return new PendingLogin(
                id,
                new TokenHash(Sha256.hex("mfa-" + id)),
                ADA,
                client.isPresent() ? SessionKind.APP : SessionKind.BROWSER,
                client,
                client.isPresent() ? "read write" : "",
                created,
                created.plus(Duration.ofMinutes(5)),
                0);
    }

    @Test
    void findsAPendingLoginByItsTokenHashWithEveryFieldIntact() {
        PendingLogin browser = pending("p1", Optional.empty(), T0);
        PendingLogin app = pending("p2", Optional.of("mobile"), T0);
        store.insert(browser);
        store.insert(app);

        assertThat(store.findByTokenHash(browser.tokenHash())).contains(browser);
        assertThat(store.findByTokenHash(app.tokenHash())).contains(app);
        assertThat(store.findByTokenHash(new TokenHash(Sha256.hex("other")))).isEmpty();
    }

    @Test
    void attemptsAreCountedUpToTheLimit() {
        PendingLogin login = pending("p1", Optional.empty(), T0);
        store.insert(login);

        assertThat(store.countAttempt("p1", 2)).isTrue();
        assertThat(store.countAttempt("p1", 2)).isTrue();
        assertThat(store.countAttempt("p1", 2)).isFalse();
        assertThat(store.findByTokenHash(login.tokenHash()).orElseThrow().attempts())
                .isEqualTo(2);
        assertThat(store.countAttempt("unknown", 2)).isFalse();
    }

    @Test
    void onlyOneDeleteWins() {
        PendingLogin login = pending("p1", Optional.empty(), T0);
        store.insert(login);

        assertThat(store.delete("p1")).isTrue();
        assertThat(store.delete("p1")).isFalse();
        assertThat(store.findByTokenHash(login.tokenHash())).isEmpty();
    }

    @Test
    void anAccountsPendingLoginsAreDeletedTogether() {
        store.insert(pending("p1", Optional.empty(), T0));
        store.insert(pending("p2", Optional.of("mobile"), T0));

        assertThat(store.deleteByAccount(new AccountId("someone-else"))).isZero();
        assertThat(store.deleteByAccount(ADA)).isEqualTo(2);
        assertThat(store.findByTokenHash(new TokenHash(Sha256.hex("mfa-p1")))).isEmpty();
        assertThat(store.findByTokenHash(new TokenHash(Sha256.hex("mfa-p2")))).isEmpty();
    }

    @Test
    void expiredPendingLoginsArePurged() {
        store.insert(pending("old", Optional.empty(), T0));
        store.insert(pending("new", Optional.empty(), T0.plusSeconds(120)));

        assertThat(store.deleteExpired(T0.plus(Duration.ofMinutes(5)))).isEqualTo(1);
        assertThat(store.findByTokenHash(new TokenHash(Sha256.hex("mfa-new")))).isPresent();
    }
}
