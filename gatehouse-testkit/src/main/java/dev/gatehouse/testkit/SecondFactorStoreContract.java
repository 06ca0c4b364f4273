package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.factor.SecondFactorStore;
import dev.gatehouse.core.factor.TotpCredential;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SecondFactorStore} must do. Subclasses supply a fresh store where {@code ada} and {@code grace} exist. */
public abstract class SecondFactorStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final AccountId ADA = new AccountId("ada");
    private static final AccountId GRACE = new AccountId("grace");

    private SecondFactorStore store;

    protected abstract SecondFactorStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static TotpCredential unconfirmed(AccountId owner, String sealed) {
        return new TotpCredential(owner, sealed, Optional.empty(), -1, T0);
    }

    @Test
    void anUnconfirmedAppIsReplacedButAConfirmedOneIsNot() {
        assertThat(store.saveUnconfirmedTotp(unconfirmed(ADA, "first"))).isTrue();
        assertThat(store.saveUnconfirmedTotp(unconfirmed(ADA, "second"))).isTrue();
        assertThat(store.findTotp(ADA)).contains(unconfirmed(ADA, "second"));

        assertThat(store.confirmTotp(ADA, T0.plusSeconds(5), 100)).isTrue();
        assertThat(store.confirmTotp(ADA, T0.plusSeconds(6), 101))
                .as("confirmed twice")
                .isFalse();
        assertThat(store.saveUnconfirmedTotp(unconfirmed(ADA, "third"))).isFalse();
        assertThat(store.findTotp(ADA))
                .contains(new TotpCredential(ADA, "second", Optional.of(T0.plusSeconds(5)), 100, T0));
        assertThat(store.findTotp(GRACE)).isEmpty();
    }

    @Test
    void eachStepIsUsedOnceAndNeverAnOlderOne() {
        store.saveUnconfirmedTotp(unconfirmed(ADA, "sealed"));
        assertThat(store.useTotpStep(ADA, 101)).as("before confirmation").isFalse();
        store.confirmTotp(ADA, T0, 100);

        assertThat(store.useTotpStep(ADA, 100)).as("the confirming step").isFalse();
        assertThat(store.useTotpStep(ADA, 101)).isTrue();
        assertThat(store.useTotpStep(ADA, 101)).isFalse();
        assertThat(store.useTotpStep(ADA, 100)).isFalse();
        assertThat(store.useTotpStep(ADA, 103)).isTrue();
        assertThat(store.findTotp(ADA).orElseThrow().lastUsedStep()).isEqualTo(103);
    }

    @Test
    void deletingRemovesTheAppOfThatAccountOnly() {
        store.saveUnconfirmedTotp(unconfirmed(ADA, "a"));
        store.saveUnconfirmedTotp(unconfirmed(GRACE, "g"));

        assertThat(store.deleteTotp(ADA)).isTrue();
        assertThat(store.deleteTotp(ADA)).isFalse();
        assertThat(store.findTotp(ADA)).isEmpty();
        assertThat(store.findTotp(GRACE)).isPresent();
    }

    @Test
    void recoveryCodesAreUsedOnceAndReplacedTogether() {
        store.replaceRecoveryCodes(ADA, List.of("h1", "h2", "h3"), T0);
        store.replaceRecoveryCodes(GRACE, List.of("h1"), T0);

        assertThat(store.useRecoveryCode(ADA, "h2", T0.plusSeconds(1))).isTrue();
        assertThat(store.useRecoveryCode(ADA, "h2", T0.plusSeconds(2))).isFalse();
        assertThat(store.useRecoveryCode(ADA, "nope", T0)).isFalse();
        assertThat(store.countUnusedRecoveryCodes(ADA)).isEqualTo(2);
        assertThat(store.countUnusedRecoveryCodes(GRACE)).isEqualTo(1);

        store.replaceRecoveryCodes(ADA, List.of("h4", "h5"), T0.plusSeconds(3));
        assertThat(store.useRecoveryCode(ADA, "h1", T0)).as("an old code").isFalse();
        assertThat(store.countUnusedRecoveryCodes(ADA)).isEqualTo(2);
        assertThat(store.deleteRecoveryCodes(ADA)).isEqualTo(2);
        assertThat(store.countUnusedRecoveryCodes(ADA)).isZero();
        assertThat(store.countUnusedRecoveryCodes(GRACE)).isEqualTo(1);
    }
}
