package dev.gatehouse.server.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.BoundedPasswordHasher;
import dev.gatehouse.core.account.PasswordPolicy;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.email.AccountMails;
import dev.gatehouse.core.email.AddressChangeService;
import dev.gatehouse.core.email.EmailTokens;
import dev.gatehouse.core.email.EmailVerificationService;
import dev.gatehouse.core.email.PasswordResetService;
import dev.gatehouse.core.email.VerificationMails;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.limit.CounterStore;
import dev.gatehouse.core.limit.LocalCounters;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.login.DeviceTokens;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.PendingLogins;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.core.mail.MailDelivery;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.mail.MailTransport;
import dev.gatehouse.core.oidc.AuthorizationService;
import dev.gatehouse.core.oidc.BackChannelLogoutService;
import dev.gatehouse.core.oidc.ConsentService;
import dev.gatehouse.core.oidc.EndSessionService;
import dev.gatehouse.core.oidc.IdTokens;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.revocation.RevocationFollower;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.revocation.RevokedKind;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.CachedSessionStore;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.TokenPolicy;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.ApiServices;
import dev.gatehouse.server.http.Readiness;
import dev.gatehouse.server.http.RevocationStreams;
import dev.gatehouse.server.mail.EmlFileTransport;
import dev.gatehouse.server.mail.MailRenderer;
import dev.gatehouse.server.mail.MailWorker;
import dev.gatehouse.server.mail.SmtpTransport;
import dev.gatehouse.server.metrics.GatehouseMeters;
import dev.gatehouse.server.passkey.WebAuthnCeremonies;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.postgres.PostgresDatabase;
import dev.gatehouse.store.postgres.PostgresLocation;
import dev.gatehouse.store.redis.RedisCounters;
import dev.gatehouse.store.redis.RedisRevocationBus;
import dev.gatehouse.store.sqlite.SqliteDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The composition root: the one place that knows which store runs. It wires the core's services onto
 * the embedded SQLite database, or for many nodes onto PostgreSQL (plus Redis when configured), for
 * the server and the CLI alike.
 *
 * <p>With PostgreSQL, cookie look-ups go through a node-local cache, and a {@link NodeSync} follows
 * the shared revocation feed so that a revocation on any node evicts here too (within
 * {@link NodeSync#POLL_INTERVAL}, or milliseconds when Redis announces it).
 */
public final class Gatehouse implements AutoCloseable {
    /** How long a cached cookie look-up is trusted for what revocations do not cover (last seen). */
    static final Duration SESSION_CACHE_LIFETIME = Duration.ofSeconds(30);

    private static final int SESSION_CACHE_CAPACITY = 100_000;
    private static final int LOCAL_COUNTER_CAPACITY = 200_000;
    /** Long enough to investigate an incident reported weeks later (ASVS 16.4); purged daily-ish. */
    static final Duration AUDIT_RETENTION = Duration.ofDays(90);

    private static final System.Logger LOG = System.getLogger("gatehouse.server");

    private final GatehouseConfig config;
    private final JdbcDatabase database;
    private final Optional<RedisRevocationBus> redis;
    private final Optional<NodeSync> nodeSync;
    private final AccountService accounts;
    private final SessionService sessions;
    private final ClientService clients;
    private final KeyService keys;
    private final AccessTokenService accessTokens;
    private final RefreshService refreshTokens;
    private final RevocationFeed revocationFeed;
    private final RateLimiter rateLimiter;
    private final Optional<RedisCounters> redisCounters;
    private final AuditTrail audit;
    private final LoginService logins;
    private final StepUpService stepUps;
    private final SecondFactorService factors;
    private final PasskeyService passkeys;
    private final PendingLogins pendingLogins;
    private final GrantService grants;
    private final AuthorizationService authorizations;
    private final ConsentService consents;
    private final EndSessionService endSessions;
    private final BackChannelLogoutService backChannel;
    private final AdminService admin;
    private final GatehouseMeters meters;
    private final RevocationStreams revocationStreams;
    private final MailOutbox mailOutbox;
    private final PasswordResetService passwordResets;
    private final EmailVerificationService verifications;
    private final AddressChangeService addressChanges;
    private final MailWorker mailWorker;
    private final String mailDestination;
    private final Clock clock;

    private Gatehouse(
            GatehouseConfig config,
            JdbcDatabase database,
            GatehouseMeters meters,
            PasswordPolicy passwordPolicy,
            Clock clock,
            RandomSource random) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.meters = meters;
        MasterKey master =
                config.masterKey().orElseGet(() -> MasterKeyFile.loadOrCreate(config.dataDirectory(), random));
        Transactions transactions = database.transactions();
        // An event is logged and counted once committed with the change it records, never for a change
        // rolled back.
        Consumer<AuditEvent> sink = AuditLog.sink().andThen(meters.audit());
        this.audit = new AuditTrail(
                database.auditEvents(),
                event -> transactions.afterCommit(() -> sink.accept(event)),
                AUDIT_RETENTION,
                clock);
        BoundedPasswordHasher hashingPool =
                BoundedPasswordHasher.sizedToTheMachine(new Argon2idPasswordHasher(config.passwordHashing(), random));
        meters.bindPasswordHashing(hashingPool);
        // The worker is built last; the outbox wakes it only after a commit, long after construction.
        this.mailOutbox = new MailOutbox(database.mailOutbox(), clock, transactions, this::wakeMailDelivery);
        EmailTokens emailTokens = new EmailTokens(database.emailTokens(), random, clock);
        this.accounts = new AccountService(
                database.accounts(),
                hashingPool,
                passwordPolicy,
                clock,
                random,
                audit,
                transactions,
                new VerificationMails(mailOutbox));
        TokenPolicy tokenPolicy = config.tokenPolicy();
        SessionStore sessionStore = database.sessions();
        RevocationStore revocationStore = database.revocations();
        Optional<NodeSync> sync = Optional.empty();
        Optional<RedisRevocationBus> bus = Optional.empty();
        if (config.isShared()) {
            CachedSessionStore cache =
                    new CachedSessionStore(sessionStore, SESSION_CACHE_LIFETIME, SESSION_CACHE_CAPACITY, clock);
            sessionStore = cache;
            RevocationFollower follower = new RevocationFollower(database.revocations(), entry -> {
                if (entry.kind() == RevokedKind.SESSION) {
                    cache.sessionRevoked(new SessionId(entry.id()));
                }
            });
            // Runs only after start(), when the feed below exists.
            NodeSync nodeSync = new NodeSync(follower, this::otherNodesAppended);
            sync = Optional.of(nodeSync);
            bus = config.redisUrl().map(url -> RedisRevocationBus.start(url, redisNamespace(config), nodeSync::wake));
            if (bus.isPresent()) {
                revocationStore = new AnnouncingRevocationStore(revocationStore, bus.get()::announce, transactions);
            }
        }
        this.redis = bus;
        this.nodeSync = sync;
        this.redisCounters = config.redisUrl()
                .filter(url -> config.abuseLimits().enabled())
                .map(url -> RedisCounters.connect(
                        url, redisNamespace(config), new LocalCounters(clock, LOCAL_COUNTER_CAPACITY)));
        CounterStore counters = redisCounters
                .<CounterStore>map(c -> c)
                .orElseGet(() -> new LocalCounters(clock, LOCAL_COUNTER_CAPACITY));
        this.rateLimiter = config.abuseLimits().enabled()
                ? new RateLimiter(counters, AbuseDefaults.policy(config.abuseLimits()), clock, audit)
                : RateLimiter.unlimited(clock);
        meters.bindRateLimiter(rateLimiter);
        this.revocationFeed = new RevocationFeed(
                revocationStore,
                tokenPolicy.accessTokenTtl().plus(tokenPolicy.allowedClockSkew()),
                clock,
                transactions);
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
                random,
                audit);
        IdTokens idTokens = new IdTokens(keys, config.issuer().toString(), tokenPolicy.accessTokenTtl(), clock);
        this.backChannel = new BackChannelLogoutService(
                database.backChannelLogouts(),
                clients,
                idTokens,
                new HttpLogoutDelivery(
                        config.backchannelAllowInsecureHttpToLoopback(), config.backchannelAllowedInternalHosts()),
                clock,
                random);
        // Every end of a session reaches the feed (verifiers) and the back-channel outbox (apps) first; an
        // expiry reaches the outbox only (the session's tokens expire with it).
        this.sessions = new SessionService(
                sessionStore,
                config.sessionPolicy(),
                config.appSessionPolicy(),
                clock,
                random,
                id -> {
                    revocationFeed.sessionRevoked(id);
                    backChannel.sessionRevoked(id);
                },
                backChannel,
                transactions);
        this.accessTokens = new AccessTokenService(
                keys, database.revokedTokens(), config.issuer().toString(), tokenPolicy, clock, random, revocationFeed);
        this.refreshTokens = new RefreshService(
                database.refreshTokens(),
                new KeyedHash(master.derive("refresh-token-derivation")),
                config.refreshPolicy(),
                clock,
                random,
                sessions,
                rateLimiter,
                audit,
                transactions);
        this.factors = new SecondFactorService(
                database.secondFactors(),
                database.passkeys(),
                new KeyEncryption(master.derive("totp-secret-encryption"), random),
                new KeyedHash(master.derive("recovery-code-hash")),
                config.issuer().getHost(),
                clock,
                random,
                audit,
                transactions,
                accounts,
                mailOutbox);
        this.pendingLogins = new PendingLogins(database.pendingLogins(), clock, random);
        this.passkeys = new PasskeyService(
                database.passkeys(),
                new WebAuthnCeremonies(config.issuer(), config.allowedOrigins()),
                clock,
                random,
                audit,
                transactions);
        this.logins = new LoginService(
                accounts,
                sessions,
                rateLimiter,
                new DeviceTokens(new KeyedHash(master.derive("device-token")), random, clock),
                audit,
                transactions,
                emailTokens,
                config.requireVerifiedEmail(),
                factors,
                pendingLogins,
                passkeys);
        this.stepUps =
                new StepUpService(accounts, sessions, rateLimiter, audit, transactions, emailTokens, factors, passkeys);
        this.passwordResets =
                new PasswordResetService(accounts, sessions, emailTokens, mailOutbox, rateLimiter, audit, transactions);
        this.verifications = new EmailVerificationService(accounts, emailTokens, mailOutbox, audit, transactions);
        this.addressChanges = new AddressChangeService(accounts, stepUps, emailTokens, mailOutbox, audit, transactions);
        this.grants = new GrantService(
                logins,
                clients,
                sessions,
                refreshTokens,
                accessTokens,
                audit,
                config.issuer().toString());
        this.endSessions = new EndSessionService(clients, idTokens);
        this.authorizations = new AuthorizationService(
                clients,
                database.authorizationCodes(),
                sessions,
                refreshTokens,
                accessTokens,
                idTokens,
                backChannel,
                audit,
                transactions,
                clock,
                random,
                config.issuer().toString());
        this.consents = new ConsentService(database.consents(), refreshTokens, audit, transactions, clock);
        this.admin = new AdminService(
                accounts,
                logins,
                sessions,
                refreshTokens,
                clients,
                database.consents(),
                keys,
                rateLimiter,
                revocationFeed,
                audit,
                transactions,
                clock);
        MailRenderer renderer = new MailRenderer(config.mailFrom(), config.issuer(), clock);
        MailTransport transport;
        if (config.smtpUrl().isPresent()) {
            SmtpTransport smtp = SmtpTransport.of(config.smtpUrl().get(), config.smtpAllowsPlaintext(), renderer);
            this.mailDestination = "mail goes over SMTP to " + smtp.describe();
            transport = smtp;
        } else {
            EmlFileTransport files = new EmlFileTransport(config.mailOutboxDirectory(), renderer);
            this.mailDestination =
                    "no GATEHOUSE_SMTP_URL: mails are written as .eml files to " + files.directory() + ", not sent";
            transport = files;
        }
        this.mailWorker = new MailWorker(new MailDelivery(
                database.mailOutbox(),
                new AccountMails(accounts, emailTokens, config.issuer().toString()),
                transport,
                clock));
        // Built here, once, so that the gauge reads the streams of whichever listener serves them.
        this.revocationStreams = new RevocationStreams(clock, meters.revocationFeedLag());
        meters.bindRevocationStreams(revocationStreams::open);
    }

    /** The issuer's host labels that name the service ("auth", "example" of auth.example.com). */
    private static java.util.List<String> serviceWords(GatehouseConfig config) {
        return java.util.Arrays.stream(config.issuer().getHost().split("\\."))
                .filter(label -> label.chars().anyMatch(Character::isLetter))
                .filter(label -> !java.util.Set.of("www", "com", "org", "net", "localhost")
                        .contains(label))
                .toList();
    }

    /** Opens the store named by {@code config}, migrating it if needed. */
    public static Gatehouse open(GatehouseConfig config, Clock clock, RandomSource random) {
        GatehouseMeters meters = new GatehouseMeters();
        // The common-password list costs about half a second of CPU at a cold start (198,000 entries
        // fingerprinted): it loads on another core while the database opens and migrates.
        CompletableFuture<PasswordPolicy> passwordPolicy = CompletableFuture.supplyAsync(
                () -> PasswordPolicy.defaults().withServiceWords(serviceWords(config)),
                task -> Thread.ofPlatform().daemon().name("gatehouse-start").start(task));
        JdbcDatabase database;
        try {
            database = openDatabase(config);
        } catch (RuntimeException e) {
            meters.close();
            passwordPolicy.cancel(false);
            throw e;
        }
        Gatehouse gatehouse = null;
        try {
            bindStoreMeters(database, meters.registry());
            gatehouse = new Gatehouse(config, database, meters, loaded(passwordPolicy), clock, random);
            gatehouse.keys.ensureKeys();
            gatehouse.nodeSync.ifPresent(NodeSync::start);
            return gatehouse;
        } catch (RuntimeException e) {
            if (gatehouse != null) {
                gatehouse.close();
            } else {
                database.close();
                meters.close();
            }
            throw e;
        }
    }

    private static <T> T loaded(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Opens and migrates the configured database, then closes it: {@code gatehouse migrate}. */
    public static String migrate(GatehouseConfig config) {
        try (JdbcDatabase database = openDatabase(config)) {
            return database.description();
        }
    }

    /**
     * The store's meters: HikariCP's pool ({@code hikaricp_connections_*}, tagged with the pool's name),
     * and the embedded store's group commits — writes per commit, commit time, writes waiting — from
     * the JDBC module's plain listener, so that the store modules stay free of Micrometer.
     */
    private static void bindStoreMeters(JdbcDatabase database, MeterRegistry registry) {
        var batchSize = DistributionSummary.builder("gatehouse.store.commit.batch.size")
                .description("Writes committed together in one group commit")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        var commitTime = Timer.builder("gatehouse.store.commit")
                .description("One group commit, from its first statement to the end of its fsync")
                .serviceLevelObjectives(Stream.of(0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 500.0)
                        .map(ms -> Duration.ofNanos((long) (ms * 1_000_000)))
                        .toArray(Duration[]::new))
                .register(registry);
        var failedWrites = Counter.builder("gatehouse.store.commit.failed.writes")
                .description("Writes rolled back alone inside a group commit")
                .register(registry);
        database.onBatchCommitted(batch -> {
            batchSize.record(batch.writes());
            commitTime.record(batch.took());
            failedWrites.increment(batch.failedWrites());
        });
        Gauge.builder("gatehouse.store.commit.waiting", database, JdbcDatabase::waitingWrites)
                .description("Writes waiting for the next group commit")
                .register(registry);
        try {
            // The pool is already running: HikariCP binds its Micrometer tracker to a started pool too.
            database.dataSource().unwrap(HikariDataSource.class).setMetricRegistry(registry);
        } catch (java.sql.SQLException e) {
            LOG.log(Level.WARNING, "the store's pool has no HikariCP meters: " + e.getMessage());
        }
    }

    private static JdbcDatabase openDatabase(GatehouseConfig config) {
        if (config.databaseUrl().isEmpty()) {
            return SqliteDatabase.open(config.dataDirectory());
        }
        PostgresLocation location;
        try {
            location = PostgresLocation.parse(config.databaseUrl().get());
        } catch (IllegalArgumentException e) {
            throw new GatehouseException("GATEHOUSE_DATABASE_URL (value masked) " + e.getMessage());
        }
        return PostgresDatabase.open(location, true, config.databasePoolSize());
    }

    /**
     * Redis pub/sub channels ignore the database number, so the channel is named after the issuer:
     * the nodes of one deployment share it, another deployment on the same Redis does not.
     */
    static String redisNamespace(GatehouseConfig config) {
        return "gatehouse:" + Sha256.hex(config.issuer().toString()).substring(0, 16);
    }

    private void otherNodesAppended() {
        revocationFeed.entriesArrived();
    }

    /** Ready when the database answers; Redis is reported, and its absence only makes us slower. */
    public Readiness readiness() {
        boolean store = database.isReachable();
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("store", store ? "UP" : "DOWN");
        if (config.isShared()) {
            checks.put(
                    "redis",
                    redis.map(bus -> bus.isConnected() ? "UP" : "DOWN (revocations reach this node by polling)")
                            .orElse("NOT CONFIGURED (revocations reach this node by polling)"));
        }
        return new Readiness(store, checks);
    }

    private void wakeMailDelivery() {
        mailWorker.wake();
    }

    /**
     * Starts sending the outbox's mails: by the server only (a CLI command that queues a mail leaves it
     * for the server), and says where they go.
     */
    public void startMailDelivery() {
        LOG.log(mailDestination.startsWith("no ") ? Level.WARNING : Level.INFO, mailDestination);
        if (!config.isShared()) {
            // One node on SQLite: whatever is claimed was claimed by this node before it stopped.
            int released = mailOutbox.releaseClaimsOfTheOnlyNode();
            if (released > 0) {
                LOG.log(Level.INFO, released + " mail(s) a previous run had started sending go out again");
            }
        }
        mailWorker.start();
    }

    /** Says once, at start, what a node without Redis gives up. */
    public void reportTopology() {
        if (config.isShared() && redis.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "no GATEHOUSE_REDIS_URL: revocations reach this node from other nodes by polling PostgreSQL every "
                            + NodeSync.POLL_INTERVAL.toMillis() + " ms (correct, slower)");
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

    public AuditTrail audit() {
        return audit;
    }

    public PendingLogins pendingLogins() {
        return pendingLogins;
    }

    public PasskeyService passkeys() {
        return passkeys;
    }

    public SecondFactorService factors() {
        return factors;
    }

    public LoginService logins() {
        return logins;
    }

    public StepUpService stepUps() {
        return stepUps;
    }

    public GrantService grants() {
        return grants;
    }

    public AdminService admin() {
        return admin;
    }

    public BackChannelLogoutService backChannel() {
        return backChannel;
    }

    public AuthorizationService authorizations() {
        return authorizations;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public RevocationFeed revocationFeed() {
        return revocationFeed;
    }

    public AddressChangeService addressChanges() {
        return addressChanges;
    }

    public EmailVerificationService verifications() {
        return verifications;
    }

    public PasswordResetService passwordResets() {
        return passwordResets;
    }

    /** Mails waiting to be sent. */
    public MailOutbox mailOutbox() {
        return mailOutbox;
    }

    public ApiServices apiServices() {
        return apiServices(() -> new Readiness(true, Map.of()));
    }

    /** The services for the HTTP edge, whose readiness adds {@code server}'s checks to the store's. */
    public ApiServices apiServices(Supplier<Readiness> server) {
        return new ApiServices(
                config,
                accounts,
                sessions,
                clients,
                keys,
                accessTokens,
                refreshTokens,
                revocationFeed,
                rateLimiter,
                logins,
                stepUps,
                factors,
                passkeys,
                grants,
                admin,
                passwordResets,
                verifications,
                addressChanges,
                authorizations,
                consents,
                endSessions,
                revocationStreams,
                clock,
                () -> readiness().and(server.get()));
    }

    /** Every meter of this process: what the management listener serves and the admin pages may read. */
    public GatehouseMeters meters() {
        return meters;
    }

    public String storeDescription() {
        return database.description();
    }

    @Override
    public void close() {
        mailWorker.close();
        nodeSync.ifPresent(NodeSync::close);
        redisCounters.ifPresent(RedisCounters::close);
        redis.ifPresent(RedisRevocationBus::close);
        database.close();
        meters.close();
    }
}
