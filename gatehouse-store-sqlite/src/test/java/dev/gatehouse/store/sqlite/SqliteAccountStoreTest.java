package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.account.AccountStore;
import dev.gatehouse.testkit.AccountStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteAccountStoreTest extends AccountStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected AccountStore newStore() {
        database = SqliteDatabase.open(directory);
        return database.accounts();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
