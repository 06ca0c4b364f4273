package dev.gatehouse.testkit;

import dev.gatehouse.core.refresh.RefreshTokenStore;
import dev.gatehouse.core.testing.InMemoryRefreshTokenStore;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {
    private InMemoryRefreshTokenStore store;

    @Override
    protected RefreshTokenStore newStore() {
        store = new InMemoryRefreshTokenStore();
        return store;
    }

    @Override
    protected void deleteSession() {
        store.deleteFamiliesOf(SESSION);
    }
}
