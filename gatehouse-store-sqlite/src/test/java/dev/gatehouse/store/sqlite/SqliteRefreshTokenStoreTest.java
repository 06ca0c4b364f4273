package dev.gatehouse.store.sqlite;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.refresh.RefreshTokenStore;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.TokenHash;
import dev.gatehouse.testkit.RefreshTokenStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected RefreshTokenStore newStore() {
        database = SqliteDatabase.open(directory);
        SqliteFixture.account(database, "ada");
        database.sessions()
                .insert(new Session(
                        SESSION,
                        new AccountId("ada"),
                        new TokenHash("0".repeat(64)),
                        Instant.EPOCH,
                        Instant.EPOCH,
                        Instant.EPOCH.plusSeconds(3600),
                        new ClientDetails("::1", "test"),
                        SessionKind.APP));
        return database.refreshTokens();
    }

    @Override
    protected void deleteSession() {
        database.sessions().deleteAllOf(new AccountId("ada"), Optional.empty());
    }

    @AfterEach
    void close() {
        database.close();
    }
}
