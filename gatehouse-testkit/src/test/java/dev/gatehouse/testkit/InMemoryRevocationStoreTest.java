package dev.gatehouse.testkit;

import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.testing.InMemoryRevocationStore;

class InMemoryRevocationStoreTest extends RevocationStoreContract {
    @Override
    protected RevocationStore newStore() {
        return new InMemoryRevocationStore();
    }
}
