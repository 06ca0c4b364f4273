package dev.gatehouse.testkit;

import dev.gatehouse.core.testing.InMemoryClientStore;

class InMemoryClientStoreTest extends ClientStoreContract {
    @Override
    protected dev.gatehouse.core.client.ClientStore newStore() {
        return new InMemoryClientStore();
    }
}
