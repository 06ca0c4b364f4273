package dev.gatehouse.core.account;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.PasswordCheck.Reason;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.secret.RandomSource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts and their passwords: sign-up, password checks, and the account records' changes. The
 * changes that must end sessions (lock, delete, password change) are reached through the login and
 * admin use cases, which end them; {@code ArchitectureTest} keeps the edge from calling them here.
 */
public final class AccountService {
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final RandomSource random;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final SignUpMails signUpMails;
    /** Checked when the account does not exist, so that case costs what a real check costs. */
    private final PasswordHash dummyHash;

    public AccountService(
            AccountStore store,
            PasswordHasher hasher,
            PasswordPolicy policy,
            Clock clock,
            RandomSource random,
            AuditTrail audit,
            Transactions transactions,
            SignUpMails signUpMails) {
        this.transactions = transactions;
        this.signUpMails = signUpMails;
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.dummyHash = hasher.unmatchable();
    }

    /**
     * Registers an account. An address already registered costs the same hash as a new one, so the
     * answer's timing does not tell the two apart. Both are audited, with {@code actor}.
     */
    public SignUpOutcome signUp(String rawEmail, Password password, Role role, Actor actor) {
        return signUp(rawEmail, password, role, actor, false);
    }

    /**
     * Registers an account as {@link #signUp(String, Password, Role, Actor)} does; {@code emailVerified}
     * when an administrator vouches for the address, so no verification link is needed.
     */
    public SignUpOutcome signUp(String rawEmail, Password password, Role role, Actor actor, boolean emailVerified) {
        Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
        if (email.isEmpty()) {
            return new SignUpOutcome.InvalidEmail();
        }
        Optional<PasswordProblem> problem = policy.check(password, email.get());
        if (problem.isPresent()) {
            return new SignUpOutcome.WeakPassword(problem.get());
        }
        Account account = new Account(
                AccountId.random(random),
                email.get(),
                hasher.hash(password),
                role,
                false,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                emailVerified);
        // The account, its audit event and its mail commit together (the hash is already computed).
        return transactions.inOne(() -> {
            if (!store.insert(account)) {
                audit.record(AuditType.SIGN_UP, Optional.empty(), actor, Map.of("outcome", "already_registered"));
                signUpMails.alreadyRegistered(account.email());
                return new SignUpOutcome.AlreadyRegistered();
            }
            audit.record(
                    AuditType.SIGN_UP,
                    Optional.of(account.id().value()),
                    actor,
                    Map.of("role", role.name().toLowerCase(java.util.Locale.ROOT)));
            if (!account.emailVerified()) {
                signUpMails.created(account);
            }
            return new SignUpOutcome.Created(account);
        });
    }

    /** Registers an account as set-up code does (demos, fixtures): audited as done by the system. */
    public SignUpOutcome signUp(String rawEmail, Password password, Role role) {
        return signUp(rawEmail, password, role, Actor.SYSTEM);
    }

    /**
     * Checks a password. Unknown accounts are checked against a dummy hash and locked accounts have
     * their password checked too, so all rejections take the same time. A correct password whose hash
     * used weaker parameters than the configured ones is re-hashed here, the only moment the plain
     * text is at hand.
     */
    public PasswordCheck authenticate(String rawEmail, Password password) {
        if (policy.tooLongToHash(password)) {
            // No account can have such a password, so refusing early reveals nothing about accounts.
            return new PasswordCheck.Rejected(Reason.MALFORMED_INPUT);
        }
        Optional<Account> found = EmailAddress.parse(rawEmail).flatMap(store::findByEmail);
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            return new PasswordCheck.Rejected(Reason.UNKNOWN_ACCOUNT);
        }
        Account account = found.get();
        boolean matches = hasher.verify(password, account.passwordHash());
        if (!matches) {
            return new PasswordCheck.Rejected(Reason.WRONG_PASSWORD);
        }
        if (account.locked()) {
            return new PasswordCheck.Rejected(Reason.LOCKED);
        }
        if (hasher.needsRehash(account.passwordHash())) {
            PasswordHash upgraded = hasher.hash(password);
            store.updatePasswordHash(account.id(), upgraded);
            account = account.withPasswordHash(upgraded);
        }
        return new PasswordCheck.Authenticated(account);
    }

    /**
     * Checks the current password and the new one, and hashes the new one, storing nothing: {@code Changed}
     * carries the account with its new hash, for the password-change use case
     * ({@code StepUpService.changePassword}) to store with {@link #storePasswordHash} in the transaction
     * that ends the other sessions, once the slow hashing is done. Stored apart, a sign-in completing
     * between the two writes could keep a session the change meant to end.
     */
    public PasswordChangeOutcome preparePasswordChange(AccountId id, Password current, Password next) {
        Optional<Account> found = store.findById(id);
        if (found.isEmpty()
                || policy.tooLongToHash(current)
                || !hasher.verify(current, found.get().passwordHash())) {
            return new PasswordChangeOutcome.WrongCurrentPassword();
        }
        Account account = found.get();
        Optional<PasswordProblem> problem = policy.check(next, account.email());
        if (problem.isPresent()) {
            return new PasswordChangeOutcome.WeakPassword(problem.get());
        }
        return new PasswordChangeOutcome.Changed(account.withPasswordHash(hasher.hash(next)), 0);
    }

    /**
     * Checks {@code next} against the policy for {@code account} and hashes it, storing nothing: a reset
     * stores it with {@link #storePasswordHash} in the transaction that uses its token up, after the
     * slow hashing is done.
     */
    public PreparedPassword prepareNewPassword(Account account, Password next) {
        Optional<PasswordProblem> problem = policy.check(next, account.email());
        if (problem.isPresent()) {
            return new PreparedPassword.Weak(problem.get());
        }
        return new PreparedPassword.Ready(hasher.hash(next));
    }

    /** Replaces the password hash: the reset use case's, which also ends the sessions. */
    public boolean storePasswordHash(AccountId id, PasswordHash hash) {
        return store.updatePasswordHash(id, hash);
    }

    /** Whether {@code password} is the account's; nothing is stored, re-hashed or counted. */
    public boolean passwordMatches(Account account, Password password) {
        return !policy.tooLongToHash(password) && hasher.verify(password, account.passwordHash());
    }

    /** Marks the account's address verified: the verification use case's. */
    public boolean markEmailVerified(AccountId id) {
        return store.markEmailVerified(id);
    }

    /** Gives the account a new, verified address; false when another account has it. The change use case's. */
    public boolean changeEmail(AccountId id, EmailAddress email) {
        return store.changeEmail(id, email);
    }

    public Optional<Account> find(AccountId id) {
        return store.findById(id);
    }

    public Optional<Account> findByEmail(String rawEmail) {
        return EmailAddress.parse(rawEmail).flatMap(store::findByEmail);
    }

    public List<Account> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    /**
     * Records that the account's failed logins are forgiven now (an unlock), in the store, so that every
     * process that counts them — the server, its other nodes — forgives them too, whoever unlocked.
     */
    public boolean forgiveLogins(AccountId id) {
        return store.markLoginsForgiven(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** When the failed logins of the account with this identifier were last forgiven. */
    public Optional<java.time.Instant> loginsForgivenAt(String identifier) {
        return EmailAddress.parse(identifier).flatMap(store::loginsForgivenAt);
    }

    /** How many accounts there are (the admin dashboard). */
    public long count() {
        return store.count();
    }

    public boolean anyAdmin() {
        return store.anyAdmin();
    }

    /** Accounts whose email contains {@code fragment}, case-insensitively, by email, in pages. */
    public List<Account> search(String fragment, int offset, int limit) {
        return store.search(fragment.strip().toLowerCase(java.util.Locale.ROOT), offset, limit);
    }

    /** Locks or unlocks the account record; empty when there is none. Sessions are the admin use case's. */
    public Optional<Account> setLocked(AccountId id, boolean locked) {
        return store.findById(id)
                .filter(account -> store.updateLocked(id, locked))
                .map(account -> account.withLocked(locked));
    }

    /**
     * Deletes the account record; the database removes whatever is left with it. The admin use case
     * revokes the sessions first, through the feed, so every verifier hears of it.
     */
    public boolean delete(AccountId id) {
        return store.delete(id);
    }
}
