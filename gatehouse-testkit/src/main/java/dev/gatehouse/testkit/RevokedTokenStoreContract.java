package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.token.RevokedTokenStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RevokedTokenStore} must do. */
public abstract class RevokedTokenStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private RevokedTokenStore store;

    protected abstract RevokedTokenStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void remembersRevocationsUntilTheTokensExpire() {
        store.revoke("j1", T0.plusSeconds(60));
        store.revoke("j1", T0.plusSeconds(60));
        store.revoke("j2", T0.plusSeconds(300));

        assertThat(store.isRevoked("j1")).isTrue();
        assertThat(store.isRevoked("j3")).isFalse();
        assertThat(store.purgeExpired(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.isRevoked("j1")).isFalse();
        assertThat(store.isRevoked("j2")).isTrue();
    }
}
