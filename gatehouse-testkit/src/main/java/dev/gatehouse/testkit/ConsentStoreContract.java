package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.Consent;
import dev.gatehouse.core.oidc.ConsentStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConsentStore} must do: one consent per account and client, replaced on save. */
public abstract class ConsentStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.5Z");
    private static final AccountId ADA = new AccountId("ada");
    private static final AccountId GRACE = new AccountId("grace");

    private ConsentStore store;

    /** A new, empty store in which the accounts {@code ada} and {@code grace} exist. */
    protected abstract ConsentStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void replacesTheConsentOfTheSameAccountAndClient() {
        store.save(new Consent(ADA, new ClientId("shop"), "openid", T0));
        store.save(new Consent(ADA, new ClientId("shop"), "openid email", T0.plusSeconds(1)));
        store.save(new Consent(ADA, new ClientId("blog"), "openid", T0));
        store.save(new Consent(GRACE, new ClientId("shop"), "openid", T0));

        assertThat(store.find(ADA, new ClientId("shop")))
                .contains(new Consent(ADA, new ClientId("shop"), "openid email", T0.plusSeconds(1)));
        assertThat(store.listByAccount(ADA))
                .extracting(Consent::clientId)
                .containsExactly(new ClientId("blog"), new ClientId("shop"));
    }

    @Test
    void deletesOneAccountsConsentForOneClient() {
        store.save(new Consent(ADA, new ClientId("shop"), "openid", T0));
        store.save(new Consent(GRACE, new ClientId("shop"), "openid", T0));

        assertThat(store.delete(ADA, new ClientId("shop"))).isTrue();
        assertThat(store.delete(ADA, new ClientId("shop"))).isFalse();
        assertThat(store.find(ADA, new ClientId("shop"))).isEmpty();
        assertThat(store.find(GRACE, new ClientId("shop"))).isPresent();
    }

    @Test
    void deletesEveryAccountsConsentForADeletedClientOnly() {
        store.save(new Consent(ADA, new ClientId("shop"), "openid", T0));
        store.save(new Consent(GRACE, new ClientId("shop"), "openid", T0));
        store.save(new Consent(ADA, new ClientId("blog"), "openid", T0));

        assertThat(store.deleteByClient(new ClientId("shop"))).isEqualTo(2);

        assertThat(store.find(ADA, new ClientId("shop"))).isEmpty();
        assertThat(store.find(GRACE, new ClientId("shop"))).isEmpty();
        assertThat(store.find(ADA, new ClientId("blog"))).isPresent();
        assertThat(store.deleteByClient(new ClientId("shop"))).isZero();
    }
}
