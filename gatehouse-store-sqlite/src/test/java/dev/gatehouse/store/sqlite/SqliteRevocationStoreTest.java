package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.testkit.RevocationStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteRevocationStoreTest extends RevocationStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected RevocationStore newStore() {
        database = SqliteDatabase.open(directory);
        return database.revocations();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
