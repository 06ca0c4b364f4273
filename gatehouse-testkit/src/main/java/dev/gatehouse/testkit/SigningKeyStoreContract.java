package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.core.key.SigningKeyStore;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SigningKeyStore} must do. */
public abstract class SigningKeyStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.25Z");

    private SigningKeyStore store;

    protected abstract SigningKeyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static SigningKey key(String kid, KeyState state, Instant created) {
        return new SigningKey(kid, SigningAlgorithm.ES256, state, "{\"kty\":\"EC\"}", "c2VhbGVk", created, created);
    }

    @Test
    void listsKeysOldestFirstWithEveryField() {
        SigningKey older = key("a", KeyState.ACTIVE, T0);
        SigningKey newer = key("b", KeyState.NEXT, T0.plusSeconds(1));
        store.insert(newer);
        store.insert(older);

        assertThat(store.list()).containsExactly(older, newer);
    }

    @Test
    void movesStateOnlyFromTheExpectedOne() {
        store.insert(key("a", KeyState.ACTIVE, T0));
        Instant later = T0.plusSeconds(60);

        assertThat(store.updateState("a", KeyState.NEXT, KeyState.ACTIVE, later))
                .isFalse();
        assertThat(store.updateState("a", KeyState.ACTIVE, KeyState.RETIRED, later))
                .isTrue();
        assertThat(store.list().getFirst().state()).isEqualTo(KeyState.RETIRED);
        assertThat(store.list().getFirst().stateChangedAt()).isEqualTo(later);
    }

    @Test
    void deletes() {
        store.insert(key("a", KeyState.RETIRED, T0));

        assertThat(store.delete("a")).isTrue();
        assertThat(store.delete("a")).isFalse();
        assertThat(store.list()).isEmpty();
    }
}
