package dev.gatehouse.server.app;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.BoundedPasswordHasher;
import dev.gatehouse.core.account.PasswordPolicy;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.client.ClientService;
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
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.oidc.AuthorizationService;
import dev.gatehouse.core.oidc.BackChannelLogoutService;
import dev.gatehouse.core.oidc.ConsentService;
import dev.gatehouse.core.oidc.EndSessionService;
import dev.gatehouse.core.oidc.IdTokens;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.TokenPolicy;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.ApiServices;
import dev.gatehouse.server.http.Readiness;
import dev.gatehouse.server.http.RevocationStreams;
import dev.gatehouse.server.mail.MailWorker;
import dev.gatehouse.server.metrics.GatehouseMeters;
import dev.gatehouse.server.passkey.WebAuthnCeremonies;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.redis.RedisCounters;
import dev.gatehouse.store.redis.RedisRevocationBus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    private static final int LOCAL_COUNTER_CAPACITY = 200_000;
    /** Long enough to investigate an incident reported weeks later (ASVS 16.4); purged daily-ish. */
    static final Duration AUDIT_RETENTION = Duration.ofDays(90);
    /**
     * How long password-hashing memory no hash uses is kept for the next login: long enough that a
     * steady trickle of logins reuses it, short enough that a burst's memory (19 MiB a core) is back
     * with the system soon after the burst.
     */
    static final Duration HASH_MEMORY_KEPT_IDLE = Duration.ofSeconds(10);

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
    private final PasswordPolicy passwordPolicy;
    private final Argon2idPasswordHasher passwordHasher;
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
        this.passwordPolicy = passwordPolicy;
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
        this.passwordHasher = new Argon2idPasswordHasher(config.passwordHashing(), random);
        BoundedPasswordHasher hashingPool = BoundedPasswordHasher.sizedToTheMachine(passwordHasher);
        meters.bindPasswordHashing(hashingPool, passwordHasher);
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
        NodeWiring nodes = NodeWiring.of(config, database, transactions, clock, this::otherNodesAppended);
        SessionStore sessionStore = nodes.sessions();
        RevocationStore revocationStore = nodes.revocations();
        this.redis = nodes.bus();
        this.nodeSync = nodes.sync();
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
        this.stepUps = new StepUpService(
                accounts, sessions, rateLimiter, audit, transactions, emailTokens, factors, passkeys, pendingLogins);
        this.passwordResets = new PasswordResetService(
                accounts, sessions, emailTokens, mailOutbox, rateLimiter, audit, transactions, pendingLogins);
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
        MailSetup.Sending sending = MailSetup.sending(config, database, accounts, emailTokens, clock);
        this.mailWorker = sending.worker();
        this.mailDestination = sending.destination();
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
        HeapForHashing.require(
                config.passwordHashing(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                !Argon2idPasswordHasher.memoryOutsideTheHeap());
        GatehouseMeters meters = new GatehouseMeters();
        // Its common-password list is read when first needed or preloaded once the server listens.
        PasswordPolicy passwordPolicy = PasswordPolicy.defaults().withServiceWords(serviceWords(config));
        JdbcDatabase database;
        try {
            database = StoreSetup.openDatabase(config);
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        Gatehouse gatehouse = null;
        try {
            StoreSetup.bindStoreMeters(database, meters.registry());
            gatehouse = new Gatehouse(config, database, meters, passwordPolicy, clock, random);
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

    /** Opens and migrates the configured database, then closes it: {@code gatehouse migrate}. */
    public static String migrate(GatehouseConfig config) {
        try (JdbcDatabase database = StoreSetup.openDatabase(config)) {
            return database.description();
        }
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

    /** Reads the common-password list on a thread of its own, so that no sign-up waits for it. */
    public void preloadCommonPasswords() {
        Thread.ofPlatform().daemon().name("gatehouse-preload").start(passwordPolicy.commonPasswords()::load);
    }

    /** Gives back the password-hashing memory idle for {@link #HASH_MEMORY_KEPT_IDLE}; the server calls it often. */
    public void releaseIdleHashingMemory() {
        passwordHasher.releaseIdleMemory(HASH_MEMORY_KEPT_IDLE);
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
