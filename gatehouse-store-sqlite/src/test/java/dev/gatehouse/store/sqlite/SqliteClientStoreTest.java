package dev.gatehouse.store.sqlite;

import dev.gatehouse.testkit.ClientStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteClientStoreTest extends ClientStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected dev.gatehouse.core.client.ClientStore newStore() {
        database = SqliteDatabase.open(directory);
        return database.clients();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
