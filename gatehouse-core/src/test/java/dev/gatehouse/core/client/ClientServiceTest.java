package dev.gatehouse.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryClientStore;
import dev.gatehouse.core.testing.TestClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientServiceTest {
    private final InMemoryClientStore store = new InMemoryClientStore();
    private final TestClock clock = TestClock.startingAt("2026-01-01T00:00:00Z");
    private final ClientService service =
            new ClientService(store, new KeyedHash(new byte[32]), clock, new CountingRandom(5));

    /** Checked on every bearer token: the store is read at most once a second, and this node's deletes count at once. */
    @Test
    void knowsWhichClientsAreRegisteredWithoutAskingTheStoreEachTime() {
        Client orders = service.create(new ClientId("orders"), ClientType.RESOURCE_SERVER, Set.of(), List.of())
                .orElseThrow()
                .client();
        assertThat(service.registeredSince("orders")).contains(orders.createdAt());

        store.delete(new ClientId("orders")); // another node's delete, straight in the shared store
        assertThat(service.registeredSince("orders")).as("seen within a second").isPresent();
        clock.advance(ClientService.REGISTERED_VIEW_AGE);
        assertThat(service.registeredSince("orders")).isEmpty();

        service.create(new ClientId("billing"), ClientType.CONFIDENTIAL, Set.of(), List.of());
        assertThat(service.registeredSince("billing"))
                .as("this node's create, at once")
                .isPresent();
        service.delete(new ClientId("billing"));
        assertThat(service.registeredSince("billing"))
                .as("this node's delete, at once")
                .isEmpty();
    }

    /** RFC 9068 section 5: a client credentials token's sub is the client's id, which must never be a user's. */
    @Test
    void noClientMayTakeAnIdOfTheShapeOfAnAccountId() {
        String accountShaped = dev.gatehouse.core.account.AccountId.random(new CountingRandom(9))
                .value();

        assertThatThrownBy(
                        () -> service.create(new ClientId(accountShaped), ClientType.CONFIDENTIAL, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 9068");
        assertThat(store.find(new ClientId(accountShaped))).isEmpty();
        // One hex digit more or less is no account id's shape.
        assertThat(service.create(
                        new ClientId(accountShaped.substring(1)), ClientType.CONFIDENTIAL, Set.of(), List.of()))
                .isPresent();
        assertThat(ClientId.hasTheShapeOfAnAccountId(accountShaped.toUpperCase(java.util.Locale.ROOT)))
                .isTrue();
        assertThat(ClientId.hasTheShapeOfAnAccountId(accountShaped.substring(1) + "g"))
                .isFalse();
    }

    @Test
    void showsAConfidentialClientsSecretOnceAndStoresOnlyItsKeyedHash() {
        NewClient created = service.create(
                        new ClientId("billing"),
                        ClientType.CONFIDENTIAL,
                        Set.of(GrantType.CLIENT_CREDENTIALS),
                        List.of("orders-api"))
                .orElseThrow();

        String secret = created.secret().orElseThrow();
        assertThat(secret).hasSize(43);
        assertThat(created.client().secretHash().orElseThrow()).hasSize(64).doesNotContain(secret);
        assertThat(created.toString()).doesNotContain(secret);
        assertThat(service.authenticate("billing", secret)).contains(created.client());
        assertThat(service.authenticate("billing", secret + "x")).isEmpty();
        assertThat(service.authenticate("nobody", secret)).isEmpty();
    }

    @Test
    void firstPartyClientsHaveNoSecretAndNeverAuthenticateWithOne() {
        NewClient created = service.create(
                        new ClientId("mobile"),
                        ClientType.FIRST_PARTY,
                        Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                        List.of())
                .orElseThrow();

        assertThat(created.secret()).isEmpty();
        assertThat(service.authenticate("mobile", "")).isEmpty();
    }

    @Test
    void refusesADuplicateId() {
        service.create(new ClientId("x"), ClientType.RESOURCE_SERVER, Set.of(), List.of());

        assertThat(service.create(new ClientId("x"), ClientType.RESOURCE_SERVER, Set.of(), List.of()))
                .isEmpty();
    }
}
