package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.testkit.SessionStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected SessionStore newStore() {
        database = SqliteDatabase.open(directory);
        // Sessions reference their account, so the contract's owners must exist.
        for (String name : new String[] {"ada", "grace"}) {
            database.accounts()
                    .insert(new Account(
                            new AccountId(name),
                            new EmailAddress(name + "@example.com"),
                            new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                            Role.USER,
                            false,
                            Instant.EPOCH));
        }
        return database.sessions();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
