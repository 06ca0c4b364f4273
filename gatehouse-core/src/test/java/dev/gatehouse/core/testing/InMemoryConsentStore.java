package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.Consent;
import dev.gatehouse.core.oidc.ConsentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Consents in a map, for core tests. */
public final class InMemoryConsentStore implements ConsentStore {
    private record Key(AccountId accountId, ClientId clientId) {}

    private final Map<Key, Consent> consents = new ConcurrentHashMap<>();

    @Override
    public void save(Consent consent) {
        consents.put(new Key(consent.accountId(), consent.clientId()), consent);
    }

    @Override
    public Optional<Consent> find(AccountId accountId, ClientId clientId) {
        return Optional.ofNullable(consents.get(new Key(accountId, clientId)));
    }

    @Override
    public List<Consent> listByAccount(AccountId accountId) {
        return consents.values().stream()
                .filter(c -> c.accountId().equals(accountId))
                .sorted(Comparator.comparing(c -> c.clientId().value()))
                .toList();
    }

    @Override
    public boolean delete(AccountId accountId, ClientId clientId) {
        return consents.remove(new Key(accountId, clientId)) != null;
    }

    @Override
    public int deleteByClient(ClientId clientId) {
        List<Key> keys = consents.keySet().stream()
                .filter(k -> k.clientId().equals(clientId))
                .toList();
        keys.forEach(consents::remove);
        return keys.size();
    }
}
