package dev.gatehouse.testkit;

import dev.gatehouse.core.mail.MailOutboxStore;
import dev.gatehouse.core.testing.InMemoryMailOutboxStore;

class InMemoryMailOutboxStoreTest extends MailOutboxStoreContract {
    @Override
    protected MailOutboxStore newStore() {
        return new InMemoryMailOutboxStore();
    }
}
