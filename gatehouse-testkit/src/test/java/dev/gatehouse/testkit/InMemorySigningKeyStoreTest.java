package dev.gatehouse.testkit;

import dev.gatehouse.core.testing.InMemorySigningKeyStore;

class InMemorySigningKeyStoreTest extends SigningKeyStoreContract {
    @Override
    protected dev.gatehouse.core.key.SigningKeyStore newStore() {
        return new InMemorySigningKeyStore();
    }
}
