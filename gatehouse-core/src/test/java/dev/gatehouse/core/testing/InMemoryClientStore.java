package dev.gatehouse.core.testing;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Clients in a map, for fast unit tests; passes the same contract as real stores. */
public final class InMemoryClientStore implements ClientStore {
    private final Map<ClientId, Client> clients = new ConcurrentHashMap<>();

    @Override
    public boolean insert(Client client) {
        return clients.putIfAbsent(client.id(), client) == null;
    }

    @Override
    public Optional<Client> find(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public List<Client> list() {
        return clients.values().stream()
                .sorted(Comparator.comparing(c -> c.id().value()))
                .toList();
    }

    @Override
    public boolean delete(ClientId id) {
        return clients.remove(id) != null;
    }
}
