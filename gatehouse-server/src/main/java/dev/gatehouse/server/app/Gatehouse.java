package dev.gatehouse.server.app;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.PasswordPolicy;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.ApiServices;
import dev.gatehouse.store.sqlite.SqliteDatabase;
import java.time.Clock;

/**
 * The composition root: the one place that knows which store runs. It wires the core's services onto
 * the embedded SQLite database for the server and the CLI alike.
 */
public final class Gatehouse implements AutoCloseable {
    private final GatehouseConfig config;
    private final SqliteDatabase database;
    private final AccountService accounts;
    private final SessionService sessions;

    private Gatehouse(GatehouseConfig config, SqliteDatabase database, Clock clock, RandomSource random) {
        this.config = config;
        this.database = database;
        this.accounts = new AccountService(
                database.accounts(),
                new Argon2idPasswordHasher(config.passwordHashing(), random),
                PasswordPolicy.defaults(),
                clock,
                random);
        this.sessions = new SessionService(database.sessions(), config.sessionPolicy(), clock, random);
    }

    /** Opens the store named by {@code config}, migrating it if needed. */
    public static Gatehouse open(GatehouseConfig config, Clock clock, RandomSource random) {
        return new Gatehouse(config, SqliteDatabase.open(config.dataDirectory()), clock, random);
    }

    public GatehouseConfig config() {
        return config;
    }

    public AccountService accounts() {
        return accounts;
    }

    public SessionService sessions() {
        return sessions;
    }

    public ApiServices apiServices() {
        return new ApiServices(config, accounts, sessions, database::isReachable);
    }

    public String storeDescription() {
        return "SQLite at " + database.file();
    }

    @Override
    public void close() {
        database.close();
    }
}
