package dev.gatehouse.store.sqlite;

import dev.gatehouse.testkit.RevokedTokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteRevokedTokenStoreTest extends RevokedTokenStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected dev.gatehouse.core.token.RevokedTokenStore newStore() {
        database = SqliteDatabase.open(directory);
        return database.revokedTokens();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
