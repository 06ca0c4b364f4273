package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientStore;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.SignInRegistration;
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
                SignInRegistration.NONE,
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
    void keepsAWebClientsSignInRegistration() {
        Client web = new Client(
                new ClientId("shop"),
                ClientType.WEB,
                Optional.of("cd".repeat(32)),
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN),
                List.of(),
                Set.of(),
                false,
                new SignInRegistration(
                        List.of("https://shop.example/callback", "https://shop.example/other?x=1"),
                        List.of("https://shop.example/"),
                        Optional.of("https://shop.example/backchannel"),
                        true,
                        Optional.of(dev.gatehouse.jwt.SigningAlgorithm.ES256)),
                Instant.parse("2026-01-01T00:00:00.5Z"));
        Client spa = new Client(
                new ClientId("cli"),
                ClientType.PUBLIC,
                Optional.empty(),
                Set.of(GrantType.AUTHORIZATION_CODE),
                List.of(),
                Set.of(),
                false,
                new SignInRegistration(List.of("http://127.0.0.1/cb"), List.of(), Optional.empty(), false),
                Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(store.insert(web)).isTrue();
        assertThat(store.insert(spa)).isTrue();

        assertThat(store.find(new ClientId("shop"))).contains(web);
        assertThat(store.find(new ClientId("cli"))).contains(spa);
    }

    @Test
    void deletes() {
        store.insert(client("svc", ClientType.CONFIDENTIAL, Optional.of("ab".repeat(32))));

        assertThat(store.delete(new ClientId("svc"))).isTrue();
        assertThat(store.delete(new ClientId("svc"))).isFalse();
        assertThat(store.find(new ClientId("svc"))).isEmpty();
    }
}
