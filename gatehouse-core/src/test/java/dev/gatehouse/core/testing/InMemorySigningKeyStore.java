package dev.gatehouse.core.testing;

import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.core.key.SigningKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Signing keys in a list, for fast unit tests; passes the same contract as real stores. */
public final class InMemorySigningKeyStore implements SigningKeyStore {
    private final List<SigningKey> keys = new ArrayList<>();

    @Override
    public synchronized void insert(SigningKey key) {
        if (keys.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
            throw new IllegalStateException("duplicate kid");
        }
        keys.add(key);
    }

    @Override
    public synchronized List<SigningKey> list() {
        return keys.stream()
                .sorted(java.util.Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid))
                .toList();
    }

    @Override
    public synchronized boolean updateState(String kid, KeyState expected, KeyState next, Instant at) {
        for (int i = 0; i < keys.size(); i++) {
            SigningKey key = keys.get(i);
            if (key.kid().equals(kid) && key.state() == expected) {
                keys.set(i, key.withState(next, at));
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized boolean delete(String kid) {
        return keys.removeIf(k -> k.kid().equals(kid));
    }
}
