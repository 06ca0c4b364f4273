package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.testkit.SessionStoreContract;
import java.nio.file.Path;
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
        // Sessions reference their account, so the contract's owners must exist.
        SqliteFixture.account(database, "ada");
        SqliteFixture.account(database, "grace");
        return database.sessions();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
