package dev.gatehouse.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryClientStore;
import dev.gatehouse.core.testing.TestClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientServiceTest {
    private final InMemoryClientStore store = new InMemoryClientStore();
    private final ClientService service = new ClientService(
            store, new KeyedHash(new byte[32]), TestClock.startingAt("2026-01-01T00:00:00Z"), new CountingRandom(5));

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
