package dev.gatehouse.testkit;

import dev.gatehouse.core.session.CachedSessionStore;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.testing.InMemorySessionStore;
import java.time.Clock;
import java.time.Duration;

/** The node-local cache is a store like any other: every contract still holds through it. */
class CachedSessionStoreContractTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new CachedSessionStore(new InMemorySessionStore(), Duration.ofSeconds(30), 1_000, Clock.systemUTC());
    }
}
