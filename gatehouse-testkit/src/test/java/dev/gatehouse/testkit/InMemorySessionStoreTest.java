package dev.gatehouse.testkit;

import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.testing.InMemorySessionStore;

/** The fake used by core unit tests must behave like the real stores, or those tests prove nothing. */
class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }
}
