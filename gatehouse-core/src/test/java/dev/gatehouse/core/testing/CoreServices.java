package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordPolicy;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.account.SignUpOutcome;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
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
import dev.gatehouse.core.limit.Limit;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.LocalCounters;
import dev.gatehouse.core.limit.RateLimitPolicy;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.login.DeviceTokens;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.PendingLogins;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.refresh.RefreshPolicy;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.TokenPolicy;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every core service wired as the composition root wires them, over the in-memory stores and a
 * {@link TestClock}: what a use-case test needs to see that a rule holds whoever calls it.
 */
public final class CoreServices {
    public static final String ISSUER = "https://auth.example.com";
    public static final Password PASSWORD = new Password("purple elephants dance");

    public final TestClock clock = TestClock.startingAt("2026-04-01T09:00:00Z");
    public final CountingRandom random = new CountingRandom(42);
    public final InMemoryAuditStore auditStore = new InMemoryAuditStore();
    public final InMemoryRevocationStore revocationStore = new InMemoryRevocationStore();
    public final RecordingTransactions transactions = new RecordingTransactions(revocationStore);
    public final AuditTrail audit = new AuditTrail(auditStore, event -> {}, Duration.ofDays(90), clock);
    public final RateLimiter limiter = new RateLimiter(
            new LocalCounters(clock, 10_000),
            new RateLimitPolicy(
                    Map.of(LimitedAction.LOGIN, new Limit(1_000, Duration.ofMinutes(1))),
                    Map.of(LimitedAction.LOGIN, new Limit(10, Duration.ofMinutes(1))),
                    Map.of(),
                    5,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(15)),
            clock,
            audit);
    public final InMemoryMailOutboxStore outboxStore = new InMemoryMailOutboxStore();
    public final MailOutbox outbox = new MailOutbox(outboxStore, clock, transactions, () -> {});
    public final InMemoryAccountStore accountStore = new InMemoryAccountStore();
    public final AccountService accounts = new AccountService(
            accountStore,
            new Argon2idPasswordHasher(new Argon2Parameters(256, 1, 1), random),
            PasswordPolicy.defaults(),
            clock,
            random,
            audit,
            transactions,
            new VerificationMails(outbox));
    public final RevocationFeed feed = new RevocationFeed(revocationStore, Duration.ofMinutes(6), clock, transactions);
    public final SessionService sessions = new SessionService(
            new InMemorySessionStore(),
            SessionPolicy.DEFAULT,
            new SessionPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ofMinutes(1)),
            clock,
            random,
            feed);
    public final ClientService clients =
            new ClientService(new InMemoryClientStore(), new KeyedHash(new byte[32]), clock, random);
    public final KeyService keys = new KeyService(
            new InMemorySigningKeyStore(),
            new KeyEncryption(new byte[32], random),
            SigningAlgorithm.ES256,
            Duration.ofMinutes(6),
            clock,
            random,
            audit);
    public final AccessTokenService accessTokens = new AccessTokenService(
            keys, new InMemoryRevokedTokenStore(), ISSUER, TokenPolicy.DEFAULT, clock, random, feed);
    public final RefreshService refreshTokens = new RefreshService(
            new InMemoryRefreshTokenStore(),
            new KeyedHash(new byte[32]),
            new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ofSeconds(30)),
            clock,
            random,
            sessions,
            limiter,
            audit,
            transactions);
    public final DeviceTokens devices = new DeviceTokens(new KeyedHash(new byte[32]), random, clock);
    public final InMemorySecondFactorStore secondFactorStore = new InMemorySecondFactorStore();
    public final InMemoryPasskeyStore passkeyStore = new InMemoryPasskeyStore();
    public final SecondFactorService factors = new SecondFactorService(
            secondFactorStore,
            passkeyStore,
            new KeyEncryption(new byte[32], random),
            new KeyedHash(new byte[32]),
            "Gatehouse",
            clock,
            random,
            audit,
            transactions,
            accounts,
            outbox);
    public final InMemoryPendingLoginStore pendingLoginStore = new InMemoryPendingLoginStore();
    public final PendingLogins pendingLogins = new PendingLogins(pendingLoginStore, clock, random);
    public final EmailTokens emailTokens = new EmailTokens(new InMemoryEmailTokenStore(), random, clock);
    /** What the passkey ceremonies answer: the core's unit tests decide; the server's test webauthn4j. */
    public final FakePasskeyCeremonies passkeyCeremonies = new FakePasskeyCeremonies();

    public final PasskeyService passkeys =
            new PasskeyService(passkeyStore, passkeyCeremonies, clock, random, audit, transactions);
    public final LoginService logins = new LoginService(
            accounts,
            sessions,
            limiter,
            devices,
            audit,
            transactions,
            emailTokens,
            false,
            factors,
            pendingLogins,
            passkeys);
    public final StepUpService stepUps = new StepUpService(
            accounts, sessions, limiter, audit, transactions, emailTokens, factors, passkeys, pendingLogins);
    public final PasswordResetService passwordResets = new PasswordResetService(
            accounts, sessions, emailTokens, outbox, limiter, audit, transactions, pendingLogins);
    public final EmailVerificationService verifications =
            new EmailVerificationService(accounts, emailTokens, outbox, audit, transactions);
    public final AddressChangeService addressChanges =
            new AddressChangeService(accounts, stepUps, emailTokens, outbox, audit, transactions);
    /** What the outbox worker would send, composed as the server composes it (links on {@link #ISSUER}). */
    public final AccountMails mails = new AccountMails(accounts, emailTokens, ISSUER);

    public final GrantService grants =
            new GrantService(logins, clients, sessions, refreshTokens, accessTokens, audit, ISSUER);
    public final InMemoryConsentStore consentStore = new InMemoryConsentStore();
    public final AdminService admin = new AdminService(
            accounts,
            logins,
            sessions,
            refreshTokens,
            clients,
            consentStore,
            keys,
            limiter,
            feed,
            audit,
            transactions,
            clock);

    public CoreServices() {
        keys.ensureKeys();
    }

    public Account account(String email, Role role) {
        return ((SignUpOutcome.Created) accounts.signUp(email, PASSWORD, role)).account();
    }

    public List<AuditEvent> events(AuditType type) {
        return auditStore.all().stream().filter(e -> e.type() == type).toList();
    }
}
