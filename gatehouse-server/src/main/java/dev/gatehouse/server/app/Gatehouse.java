package dev.gatehouse.server.app;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.PasswordPolicy;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.TokenPolicy;
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
    private final ClientService clients;
    private final KeyService keys;
    private final AccessTokenService accessTokens;
    private final RefreshService refreshTokens;
    private final RevocationFeed revocationFeed;

    private Gatehouse(GatehouseConfig config, SqliteDatabase database, Clock clock, RandomSource random) {
        this.config = config;
        this.database = database;
        MasterKey master =
                config.masterKey().orElseGet(() -> MasterKeyFile.loadOrCreate(config.dataDirectory(), random));
        this.accounts = new AccountService(
                database.accounts(),
                new Argon2idPasswordHasher(config.passwordHashing(), random),
                PasswordPolicy.defaults(),
                clock,
                random);
        TokenPolicy tokenPolicy = config.tokenPolicy();
        this.revocationFeed = new RevocationFeed(
                database.revocations(), tokenPolicy.accessTokenTtl().plus(tokenPolicy.allowedClockSkew()), clock);
        this.sessions = new SessionService(
                database.sessions(), config.sessionPolicy(), config.appSessionPolicy(), clock, random, revocationFeed);
        this.clients = new ClientService(
                database.clients(), new KeyedHash(master.derive("client-secret-hash")), clock, random);
        this.keys = new KeyService(
                database.signingKeys(),
                new KeyEncryption(master.derive("signing-key-encryption"), random),
                config.signingAlgorithm(),
                tokenPolicy
                        .accessTokenTtl()
                        .plus(tokenPolicy.allowedClockSkew())
                        .plusMinutes(1),
                clock,
                random);
        this.accessTokens = new AccessTokenService(
                keys, database.revokedTokens(), config.issuer().toString(), tokenPolicy, clock, random, revocationFeed);
        this.refreshTokens = new RefreshService(
                database.refreshTokens(),
                new KeyedHash(master.derive("refresh-token-derivation")),
                config.refreshPolicy(),
                clock,
                random);
    }

    /** Opens the store named by {@code config}, migrating it if needed. */
    public static Gatehouse open(GatehouseConfig config, Clock clock, RandomSource random) {
        SqliteDatabase database = SqliteDatabase.open(config.dataDirectory());
        try {
            Gatehouse gatehouse = new Gatehouse(config, database, clock, random);
            gatehouse.keys.ensureKeys();
            return gatehouse;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
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

    public ClientService clients() {
        return clients;
    }

    public KeyService keys() {
        return keys;
    }

    public AccessTokenService accessTokens() {
        return accessTokens;
    }

    public RefreshService refreshTokens() {
        return refreshTokens;
    }

    public RevocationFeed revocationFeed() {
        return revocationFeed;
    }

    public ApiServices apiServices() {
        return new ApiServices(
                config,
                accounts,
                sessions,
                clients,
                keys,
                accessTokens,
                refreshTokens,
                revocationFeed,
                database::isReachable);
    }

    public String storeDescription() {
        return database.description();
    }

    @Override
    public void close() {
        database.close();
    }
}
