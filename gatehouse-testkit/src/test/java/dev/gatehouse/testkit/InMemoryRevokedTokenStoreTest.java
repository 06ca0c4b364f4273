package dev.gatehouse.testkit;

import dev.gatehouse.core.testing.InMemoryRevokedTokenStore;

class InMemoryRevokedTokenStoreTest extends RevokedTokenStoreContract {
    @Override
    protected dev.gatehouse.core.token.RevokedTokenStore newStore() {
        return new InMemoryRevokedTokenStore();
    }
}
