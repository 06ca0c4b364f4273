package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientStore;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ClientStore} must do. */
public abstract class ClientStoreContract {
    private ClientStore store;

    protected abstract ClientStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static Client client(String id, ClientType type, Optional<String> hash) {
        return new Client(
                new ClientId(id),
                type,
                hash,
                Set.of(GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE),
                List.of("orders-api", "billing-api"),
                type == ClientType.RESOURCE_SERVER ? Set.of() : Set.of("orders:read", "admin"),
                type == ClientType.RESOURCE_SERVER,
                Instant.parse("2026-01-01T00:00:00.5Z"));
    }

    @Test
    void keepsEveryFieldAndRefusesADuplicateId() {
        Client confidential = client("svc", ClientType.CONFIDENTIAL, Optional.of("ab".repeat(32)));
        Client firstParty = client("app", ClientType.FIRST_PARTY, Optional.empty());

        assertThat(store.insert(confidential)).isTrue();
        assertThat(store.insert(firstParty)).isTrue();
        assertThat(store.insert(client("svc", ClientType.RESOURCE_SERVER, Optional.empty())))
                .isFalse();

        assertThat(store.find(new ClientId("svc"))).contains(confidential);
        assertThat(store.find(new ClientId("app"))).contains(firstParty);
        assertThat(store.list()).containsExactly(firstParty, confidential);
    }

    @Test
    void deletes() {
        store.insert(client("svc", ClientType.CONFIDENTIAL, Optional.of("ab".repeat(32))));

        assertThat(store.delete(new ClientId("svc"))).isTrue();
        assertThat(store.delete(new ClientId("svc"))).isFalse();
        assertThat(store.find(new ClientId("svc"))).isEmpty();
    }
}
