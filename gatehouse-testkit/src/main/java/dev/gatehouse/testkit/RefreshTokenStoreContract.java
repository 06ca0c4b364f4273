package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshTokenStore;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RefreshTokenStore} must do: find by any generation's hash, rotate by compare-and-set. */
public abstract class RefreshTokenStoreContract {
    protected static final SessionId SESSION = new SessionId("s1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.5Z");

    private RefreshTokenStore store;

    /** A new, empty store in which the session {@link #SESSION} (of account {@code ada}) exists. */
    protected abstract RefreshTokenStore newStore();

    /** Ends the session {@link #SESSION} the way a logout does. */
    protected abstract void deleteSession();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static TokenHash hash(String token) {
        return new TokenHash(Sha256.hex(token));
    }

    private static RefreshFamily family() {
        return new RefreshFamily(
                "f1",
                SESSION,
                new AccountId("ada"),
                new ClientId("mobile"),
                0,
                T0,
                T0,
                T0.plusSeconds(86_400),
                "openid profile",
                List.of("orders-api", "https://auth.example"));
    }

    @Test
    void listsTheAccountsFamilies() {
        store.insertFamily(family(), hash("t0"));

        assertThat(store.familiesOf(new AccountId("ada"))).containsExactly(family());
        assertThat(store.familiesOf(new AccountId("nobody"))).isEmpty();
    }

    @Test
    void listsTheClientsFamilies() {
        store.insertFamily(family(), hash("t0"));

        assertThat(store.familiesOfClient(new ClientId("mobile"))).containsExactly(family());
        assertThat(store.familiesOfClient(new ClientId("other"))).isEmpty();
    }

    @Test
    void deletesOneFamilyWithItsTokens() {
        store.insertFamily(family(), hash("t0"));

        assertThat(store.deleteFamily("f1")).isTrue();
        assertThat(store.deleteFamily("f1")).isFalse();
        assertThat(store.findByTokenHash(hash("t0"))).isEmpty();
        assertThat(store.familiesOfClient(new ClientId("mobile"))).isEmpty();
    }

    @Test
    void findsTheFamilyByItsFirstTokenWithEveryField() {
        store.insertFamily(family(), hash("t0"));

        var found = store.findByTokenHash(hash("t0")).orElseThrow();

        assertThat(found.family()).isEqualTo(family());
        assertThat(found.generation()).isZero();
        assertThat(store.findByTokenHash(hash("other"))).isEmpty();
    }

    @Test
    void rotatesOnlyFromTheExpectedGeneration() {
        store.insertFamily(family(), hash("t0"));
        Instant later = T0.plusSeconds(5);

        assertThat(store.rotate("f1", 0, hash("t1"), later)).isTrue();
        assertThat(store.rotate("f1", 0, hash("t1-again"), later)).isFalse();

        var old = store.findByTokenHash(hash("t0")).orElseThrow();
        assertThat(old.generation()).isZero();
        assertThat(old.family().generation()).isEqualTo(1);
        assertThat(old.family().rotatedAt()).isEqualTo(later);
        assertThat(store.findByTokenHash(hash("t1")).orElseThrow().generation()).isEqualTo(1);
        assertThat(store.findByTokenHash(hash("t1-again"))).isEmpty();
    }

    @Test
    void forgetsTheFamilyWhenItsSessionEnds() {
        store.insertFamily(family(), hash("t0"));
        store.rotate("f1", 0, hash("t1"), T0);

        deleteSession();

        assertThat(store.findByTokenHash(hash("t0"))).isEmpty();
        assertThat(store.findByTokenHash(hash("t1"))).isEmpty();
    }
}
