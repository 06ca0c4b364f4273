package dev.gatehouse.core.admin;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.NewClient;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.RotationOutcome;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.oidc.ConsentStore;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrators' use cases. Locking or deleting an account ends its sessions (and so, through the
 * revocation feed, its JWTs everywhere); unlocking forgives its failed logins and its login window;
 * deleting a client ends every login made through it; every act is audited with the admin as actor.
 */
public final class AdminService {
    /** Sessions ended per transaction when a client with many logins is deleted. */
    static final int REVOCATION_CHUNK = 50;

    private final AccountService accounts;
    private final LoginService logins;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final ClientService clients;
    private final ConsentStore consents;
    private final KeyService keys;
    private final RateLimiter limiter;
    private final RevocationFeed feed;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public AdminService(
            AccountService accounts,
            LoginService logins,
            SessionService sessions,
            RefreshService refreshTokens,
            ClientService clients,
            ConsentStore consents,
            KeyService keys,
            RateLimiter limiter,
            RevocationFeed feed,
            AuditTrail audit,
            Transactions transactions,
            Clock clock) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.logins = logins;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.clients = clients;
        this.consents = consents;
        this.keys = keys;
        this.limiter = limiter;
        this.feed = feed;
        this.audit = audit;
        this.clock = clock;
    }

    /** Locks the account and ends every session of it; empty when there is no such account. */
    public Optional<Account> lock(AccountId id, Actor actor) {
        return transactions.inOne(() -> {
            Optional<Account> locked = accounts.setLocked(id, true);
            locked.ifPresent(account -> {
                int revoked = sessions.revokeAll(id);
                audit.record(
                        AuditType.ACCOUNT_LOCKED,
                        Optional.of(id.value()),
                        actor,
                        Map.of("sessions_revoked", Integer.toString(revoked)));
            });
            return locked;
        });
    }

    /**
     * Unlocks the account and forgives its failed logins, its lock-out and its login window, so that
     * the owner's right password works at once; empty when there is no such account.
     */
    public Optional<Account> unlock(AccountId id, Actor actor) {
        Optional<Account> unlocked = transactions.inOne(() -> {
            Optional<Account> changed = accounts.setLocked(id, false);
            changed.ifPresent(account -> {
                accounts.forgiveLogins(id);
                audit.record(AuditType.ACCOUNT_UNLOCKED, Optional.of(id.value()), actor, Map.of());
            });
            return changed;
        });
        // The counters may live in Redis: not worth holding the store's writer for.
        unlocked.ifPresent(account -> limiter.forgive(account.email().value()));
        return unlocked;
    }

    /**
     * Deletes the account after ending its sessions through the feed, so every verifier drops its
     * tokens too; false when there is no such account.
     */
    public boolean deleteAccount(AccountId id, Actor actor) {
        if (accounts.find(id).isEmpty()) {
            return false;
        }
        return transactions.inOne(() -> {
            int revoked = sessions.revokeAll(id);
            boolean deleted = accounts.delete(id);
            audit.record(
                    AuditType.ACCOUNT_DELETED,
                    Optional.of(id.value()),
                    actor,
                    Map.of("sessions_revoked", Integer.toString(revoked)));
            return deleted;
        });
    }

    /** Ends every session of the account: the owner's "log out everywhere", done by an admin; returns how many. */
    public int endSessions(AccountId id, Actor actor) {
        return logins.endAllSessions(id, actor);
    }

    /** Ends one session of the account; false when it has no such session. */
    public boolean endSession(AccountId id, SessionId session, Actor actor) {
        return transactions.inOne(() -> {
            if (!sessions.revoke(id, session)) {
                return false;
            }
            audit.record(
                    AuditType.SESSION_REVOKED, Optional.of(id.value()), actor, Map.of("session_id", session.value()));
            return true;
        });
    }

    /** Ends a token login (a refresh family) and so its session and every token of it; false when unknown. */
    public boolean endTokenLogin(AccountId id, String familyId, Actor actor) {
        Optional<RefreshFamily> family = refreshTokens.familiesOf(id).stream()
                .filter(f -> f.id().equals(familyId))
                .findFirst();
        if (family.isEmpty()) {
            return false;
        }
        return transactions.inOne(() -> {
            sessions.revoke(id, family.get().sessionId());
            audit.record(
                    AuditType.SESSION_REVOKED,
                    Optional.of(id.value()),
                    actor,
                    Map.of("session_id", family.get().sessionId().value(), "family_id", familyId));
            return true;
        });
    }

    /** Registers a client; empty when the id is taken. The secret, if any, is in the result only. */
    public Optional<NewClient> createClient(ClientId id, ClientType type, NewClientSettings settings, Actor actor) {
        return transactions.inOne(() -> {
            Optional<NewClient> created = clients.create(id, type, settings);
            created.ifPresent(client -> audit.record(
                    AuditType.CLIENT_CREATED,
                    Optional.empty(),
                    actor,
                    Map.of("client_id", id.value(), "type", type.name().toLowerCase(java.util.Locale.ROOT))));
            return created;
        });
    }

    /**
     * Deletes the client after ending every login made through it (its refresh families' sessions,
     * through the feed), so that its refresh tokens and their access tokens die everywhere, and a client
     * later registered under the same id inherits nothing: not a login, not a consent. Its tokens without a login of their own
     * (client credentials, exchanged tokens) die at once at Gatehouse and expire at other verifiers. Open revocation streams of the
     * client are woken so that they notice and close. False when there is no such client.
     */
    public boolean deleteClient(ClientId id, Actor actor) {
        if (clients.find(id.value()).isEmpty()) {
            return false;
        }
        // The logins end a chunk per transaction, ahead of the one that deletes the client: a client's
        // hundreds of logins in one transaction held the embedded store's only writer for most of a
        // second, and every login, refresh and logout on the node waited behind it. Ending a login
        // early is safe if the delete then fails; the last transaction ends any login started meanwhile.
        List<RefreshFamily> known = refreshTokens.familiesOfClient(id);
        int endedEarly = 0;
        for (int from = 0; from < known.size(); from += REVOCATION_CHUNK) {
            List<RefreshFamily> chunk = known.subList(from, Math.min(known.size(), from + REVOCATION_CHUNK));
            endedEarly += transactions.inOne(() -> {
                transactions.afterCommit(feed::entriesArrived);
                return endSessionsOf(chunk);
            });
        }
        int ended = endedEarly;
        return transactions.inOne(() -> {
            int total = ended + endSessionsOf(refreshTokens.familiesOfClient(id));
            boolean deleted = clients.delete(id);
            // A client registered later under the same id is another app: the accounts' consents go now.
            int consentsForgotten = consents.deleteByClient(id);
            transactions.afterCommit(feed::entriesArrived);
            audit.record(
                    AuditType.CLIENT_DELETED,
                    Optional.empty(),
                    actor,
                    Map.of(
                            "client_id",
                            id.value(),
                            "sessions_revoked",
                            Integer.toString(total),
                            "consents_deleted",
                            Integer.toString(consentsForgotten)));
            return deleted;
        });
    }

    private int endSessionsOf(List<RefreshFamily> families) {
        int ended = 0;
        for (RefreshFamily family : families) {
            if (sessions.revoke(family.accountId(), family.sessionId())) {
                ended++;
            }
        }
        return ended;
    }

    /** Rotates the signing keys (audited by the key service). */
    public RotationOutcome rotateKeys(Actor actor) {
        return keys.rotate(actor);
    }

    /**
     * The few numbers an operator wants at a glance, counted from the stores and the audit trail now:
     * accounts, live sessions, logins and failures in the last hour and day, refresh-token reuse and
     * rate-limit refusals in the last day, and successful logins in each of the last 24 hours.
     */
    public AdminOverview overview() {
        Instant now = clock.instant();
        // An event recorded at this very millisecond belongs to the windows that end now.
        Instant end = now.plusMillis(1);
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant dayAgo = now.minus(Duration.ofDays(1));
        // Whole clock hours, the current one last and unfinished, so a bar keeps its height as time passes.
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        List<AdminOverview.HourCount> perHour = new ArrayList<>();
        for (int back = AdminOverview.HOURS - 1; back >= 0; back--) {
            Instant start = currentHour.minus(Duration.ofHours(back));
            perHour.add(new AdminOverview.HourCount(
                    start, count(AuditType.LOGIN_SUCCEEDED, start, back == 0 ? end : start.plus(Duration.ofHours(1)))));
        }
        return new AdminOverview(
                now,
                accounts.count(),
                sessions.countLive(),
                window(AuditType.LOGIN_SUCCEEDED, hourAgo, dayAgo, end),
                window(AuditType.LOGIN_FAILED, hourAgo, dayAgo, end),
                window(AuditType.REFRESH_REUSE_DETECTED, hourAgo, dayAgo, end),
                window(AuditType.RATE_LIMITED, hourAgo, dayAgo, end),
                perHour);
    }

    private AdminOverview.Window window(AuditType type, Instant hourAgo, Instant dayAgo, Instant end) {
        return new AdminOverview.Window(count(type, hourAgo, end), count(type, dayAgo, end));
    }

    /** Events of {@code type} from {@code from} (inclusive) to {@code to} (exclusive). */
    private long count(AuditType type, Instant from, Instant to) {
        return audit.count(new AuditQuery(
                Optional.empty(), Optional.of(type), Optional.of(from), Optional.of(to), Optional.empty(), 1));
    }

    /** The audit trail, newest first. */
    public List<AuditEvent> auditEvents(AuditQuery query) {
        return audit.find(query);
    }
}
