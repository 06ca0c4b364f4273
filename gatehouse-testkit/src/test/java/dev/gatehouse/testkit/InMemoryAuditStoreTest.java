package dev.gatehouse.testkit;

import dev.gatehouse.core.audit.AuditStore;
import dev.gatehouse.core.testing.InMemoryAuditStore;

class InMemoryAuditStoreTest extends AuditStoreContract {
    @Override
    protected AuditStore newStore() {
        return new InMemoryAuditStore();
    }
}
