package dev.gatehouse.core.account;

import dev.gatehouse.core.account.LoginOutcome.Reason;
import dev.gatehouse.core.secret.RandomSource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Sign-up, password checks, password changes and locking: the account use cases. */
public final class AccountService {
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final RandomSource random;
    /** Checked when the account does not exist, so that case costs what a real check costs. */
    private final PasswordHash dummyHash;

    public AccountService(
            AccountStore store, PasswordHasher hasher, PasswordPolicy policy, Clock clock, RandomSource random) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.dummyHash = hasher.hash(new Password(HexFormat.of().formatHex(random.nextBytes(16))));
    }

    /**
     * Registers an account. An address already registered costs the same hash as a new one, so the
     * answer's timing does not tell the two apart.
     */
    public SignUpOutcome signUp(String rawEmail, Password password, Role role) {
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
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return store.insert(account) ? new SignUpOutcome.Created(account) : new SignUpOutcome.AlreadyRegistered();
    }

    /**
     * Checks a password. Unknown accounts are checked against a dummy hash and locked accounts have
     * their password checked too, so all rejections take the same time. A correct password whose hash
     * used weaker parameters than the configured ones is re-hashed here, the only moment the plain
     * text is at hand.
     */
    public LoginOutcome authenticate(String rawEmail, Password password) {
        if (policy.tooLongToHash(password)) {
            // No account can have such a password, so refusing early reveals nothing about accounts.
            return new LoginOutcome.Rejected(Reason.MALFORMED_INPUT);
        }
        Optional<Account> found = EmailAddress.parse(rawEmail).flatMap(store::findByEmail);
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            return new LoginOutcome.Rejected(Reason.UNKNOWN_ACCOUNT);
        }
        Account account = found.get();
        boolean matches = hasher.verify(password, account.passwordHash());
        if (!matches) {
            return new LoginOutcome.Rejected(Reason.WRONG_PASSWORD);
        }
        if (account.locked()) {
            return new LoginOutcome.Rejected(Reason.LOCKED);
        }
        if (hasher.needsRehash(account.passwordHash())) {
            PasswordHash upgraded = hasher.hash(password);
            store.updatePasswordHash(account.id(), upgraded);
            account = account.withPasswordHash(upgraded);
        }
        return new LoginOutcome.Authenticated(account);
    }

    /** Changes a password after checking the current one. Revoking other sessions is the caller's. */
    public PasswordChangeOutcome changePassword(AccountId id, Password current, Password next) {
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
        PasswordHash hash = hasher.hash(next);
        store.updatePasswordHash(id, hash);
        return new PasswordChangeOutcome.Changed(account.withPasswordHash(hash));
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

    /** Locks or unlocks the account; empty when there is no such account. */
    public Optional<Account> setLocked(String rawEmail, boolean locked) {
        return findByEmail(rawEmail)
                .filter(account -> store.updateLocked(account.id(), locked))
                .map(account -> account.withLocked(locked));
    }

    public boolean anyAdmin() {
        return store.anyAdmin();
    }

    /** Accounts whose email contains {@code fragment}, case-insensitively, by email, in pages. */
    public List<Account> search(String fragment, int offset, int limit) {
        return store.search(fragment.strip().toLowerCase(java.util.Locale.ROOT), offset, limit);
    }

    public Optional<Account> setLocked(AccountId id, boolean locked) {
        return store.findById(id)
                .filter(account -> store.updateLocked(id, locked))
                .map(account -> account.withLocked(locked));
    }

    /**
     * Deletes the account. The caller revokes its sessions first, so every verifier hears of it; the
     * database then removes whatever is left with the account.
     */
    public boolean delete(AccountId id) {
        return store.delete(id);
    }
}
