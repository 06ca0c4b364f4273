package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.revocation.RevokedKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RevocationStore} must do: increasing cursors, paging after a cursor, purging. */
public abstract class RevocationStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.125Z");

    private RevocationStore store;

    protected abstract RevocationStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void appendsWithIncreasingCursorsAndPagesAfterACursor() {
        long first = store.append(RevokedKind.SESSION, "s1", T0, T0.plusSeconds(360));
        long second = store.append(RevokedKind.TOKEN, "j1", T0, T0.plusSeconds(60));
        long third = store.append(RevokedKind.SESSION, "s2", T0, T0.plusSeconds(360));

        assertThat(first).isPositive().isLessThan(second);
        assertThat(second).isLessThan(third);
        assertThat(store.after(0, 2))
                .containsExactly(
                        new Revocation(first, RevokedKind.SESSION, "s1", T0, T0.plusSeconds(360)),
                        new Revocation(second, RevokedKind.TOKEN, "j1", T0, T0.plusSeconds(60)));
        assertThat(store.after(second, 10)).extracting(Revocation::id).containsExactly("s2");
        assertThat(store.after(third, 10)).isEmpty();
    }

    @Test
    void forgetsEntriesWhoseTokensHaveExpiredAndNeverReusesACursor() {
        store.append(RevokedKind.TOKEN, "j1", T0, T0.plusSeconds(60));
        long kept = store.append(RevokedKind.SESSION, "s1", T0, T0.plusSeconds(360));

        assertThat(store.purgeExpired(T0.plusSeconds(60))).isEqualTo(1);
        List<Revocation> left = store.after(0, 10);
        assertThat(left).extracting(Revocation::cursor).containsExactly(kept);
        assertThat(store.append(RevokedKind.TOKEN, "j2", T0, T0.plusSeconds(60)))
                .isGreaterThan(kept);
    }
}
