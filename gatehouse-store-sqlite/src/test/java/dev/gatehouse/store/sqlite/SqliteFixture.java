package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import java.time.Instant;

/** Rows the contracts assume exist, since SQLite enforces the foreign keys the in-memory fakes cannot. */
final class SqliteFixture {
    private SqliteFixture() {}

    static void account(SqliteDatabase database, String name) {
        database.accounts()
                .insert(new Account(
                        new AccountId(name),
                        new EmailAddress(name + "@example.com"),
                        new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                        Role.USER,
                        false,
                        Instant.EPOCH));
    }
}
