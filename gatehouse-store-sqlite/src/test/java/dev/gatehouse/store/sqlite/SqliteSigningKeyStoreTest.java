package dev.gatehouse.store.sqlite;

import dev.gatehouse.testkit.SigningKeyStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSigningKeyStoreTest extends SigningKeyStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected dev.gatehouse.core.key.SigningKeyStore newStore() {
        database = SqliteDatabase.open(directory);
        return database.signingKeys();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
