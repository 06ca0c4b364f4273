package dev.gatehouse.testkit;

import dev.gatehouse.core.account.AccountStore;
import dev.gatehouse.core.testing.InMemoryAccountStore;

/** The fake used by core unit tests must behave like the real stores, or those tests prove nothing. */
class InMemoryAccountStoreTest extends AccountStoreContract {
    @Override
    protected AccountStore newStore() {
        return new InMemoryAccountStore();
    }
}
