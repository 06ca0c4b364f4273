package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutboxStore;
import dev.gatehouse.core.mail.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MailOutboxStore} must do. */
public abstract class MailOutboxStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");

    private MailOutboxStore store;

    protected abstract MailOutboxStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aClaimHandsOutDueRowsOldestFirstAndCountsTheAttempt() {
        store.add(MailKind.PASSWORD_RESET, ADA, Optional.empty(), T0);
        store.add(MailKind.PASSWORD_CHANGED, ADA, Optional.of(new AccountId("ada")), T0);

        List<OutboxEntry> claimed = store.claim(T0, T0.plusSeconds(120), 10);

        assertThat(claimed)
                .extracting(OutboxEntry::kind)
                .containsExactly(MailKind.PASSWORD_RESET, MailKind.PASSWORD_CHANGED);
        assertThat(claimed.get(0).recipient()).isEqualTo(ADA);
        assertThat(claimed.get(0).account()).isEmpty();
        assertThat(claimed.get(1).account()).contains(new AccountId("ada"));
        assertThat(claimed).allSatisfy(entry -> assertThat(entry.attempts()).isEqualTo(1));
    }

    @Test
    void aClaimedRowIsNotClaimedAgainUntilItsClaimRunsOut() {
        store.add(MailKind.PASSWORD_RESET, ADA, Optional.empty(), T0);
        store.claim(T0, T0.plusSeconds(120), 10);

        assertThat(store.claim(T0.plusSeconds(60), T0.plusSeconds(180), 10)).isEmpty();
        assertThat(store.claim(T0.plusSeconds(120), T0.plusSeconds(240), 10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.attempts()).isEqualTo(2));
    }

    @Test
    void aDeliveredRowIsGoneAndARetriedOneComesBackWhenDue() {
        store.add(MailKind.PASSWORD_RESET, ADA, Optional.empty(), T0);
        store.add(MailKind.PASSWORD_CHANGED, ADA, Optional.empty(), T0);
        List<OutboxEntry> claimed = store.claim(T0, T0.plusSeconds(120), 10);

        store.delivered(claimed.get(0).id());
        store.retryAt(claimed.get(1).id(), T0.plusSeconds(30), "connection refused");

        assertThat(store.pending()).isEqualTo(1);
        assertThat(store.claim(T0.plusSeconds(29), T0.plusSeconds(200), 10)).isEmpty();
        assertThat(store.claim(T0.plusSeconds(30), T0.plusSeconds(200), 10))
                .extracting(OutboxEntry::kind)
                .containsExactly(MailKind.PASSWORD_CHANGED);
    }

    @Test
    void aRowGivenUpIsNeverClaimedAgain() {
        store.add(MailKind.PASSWORD_RESET, ADA, Optional.empty(), T0);
        long id = store.claim(T0, T0.plusSeconds(120), 10).getFirst().id();

        store.giveUp(id, "550 no such user");

        assertThat(store.pending()).isZero();
        assertThat(store.claim(T0.plusSeconds(86_400), T0.plusSeconds(90_000), 10))
                .isEmpty();
    }

    @Test
    void releasedClaimsAreClaimedAgainAtOnce() {
        store.add(MailKind.PASSWORD_RESET, ADA, Optional.empty(), T0);
        store.claim(T0, T0.plusSeconds(120), 10);

        assertThat(store.releaseClaims()).isEqualTo(1);
        assertThat(store.claim(T0.plusSeconds(1), T0.plusSeconds(121), 10)).hasSize(1);
    }

    @Test
    void aClaimTakesNoMoreThanItsLimit() {
        for (int i = 0; i < 5; i++) {
            store.add(MailKind.PASSWORD_RESET, ADA, Optional.empty(), T0);
        }

        assertThat(store.claim(T0, T0.plusSeconds(120), 3)).hasSize(3);
        assertThat(store.claim(T0, T0.plusSeconds(120), 3)).hasSize(2);
    }
}
