package dev.gatehouse.testkit;

import dev.gatehouse.core.email.EmailTokenStore;
import dev.gatehouse.core.testing.InMemoryEmailTokenStore;

class InMemoryEmailTokenStoreTest extends EmailTokenStoreContract {
    @Override
    protected EmailTokenStore newStore() {
        return new InMemoryEmailTokenStore();
    }
}
