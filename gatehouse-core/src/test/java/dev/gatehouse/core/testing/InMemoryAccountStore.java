package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountStore;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** An account store in a map, for fast unit tests of the core. It passes the same contract as real stores. */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<AccountId, Account> byId = new ConcurrentHashMap<>();
    private final Map<AccountId, java.time.Instant> forgiven = new ConcurrentHashMap<>();
    private final AtomicReference<Runnable> meanwhile = new AtomicReference<>();

    @Override
    public synchronized boolean insert(Account account) {
        if (findByEmail(account.email()).isPresent() || byId.containsKey(account.id())) {
            return false;
        }
        byId.put(account.id(), account);
        return true;
    }

    /**
     * Runs {@code change} once, right after the next look-up by address has read its account: what
     * another request commits while a sign-in hashes the password it has just read the account for.
     */
    public void meanwhileAfterNextLookUp(Runnable change) {
        meanwhile.set(change);
    }

    @Override
    public Optional<Account> findByEmail(EmailAddress email) {
        Optional<Account> found =
                byId.values().stream().filter(a -> a.email().equals(email)).findFirst();
        Runnable change = meanwhile.getAndSet(null);
        if (change != null) {
            change.run();
        }
        return found;
    }

    @Override
    public Optional<Account> findById(AccountId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public boolean updatePasswordHash(AccountId id, PasswordHash hash) {
        return byId.computeIfPresent(id, (k, a) -> a.withPasswordHash(hash)) != null;
    }

    @Override
    public boolean markLoginsForgiven(AccountId id, java.time.Instant at) {
        if (!byId.containsKey(id)) {
            return false;
        }
        forgiven.put(id, at);
        return true;
    }

    @Override
    public Optional<java.time.Instant> loginsForgivenAt(EmailAddress email) {
        return findByEmail(email).map(a -> forgiven.get(a.id()));
    }

    @Override
    public boolean markEmailVerified(AccountId id) {
        return byId.computeIfPresent(id, (k, a) -> a.withEmail(a.email(), true)) != null;
    }

    @Override
    public synchronized boolean changeEmail(AccountId id, EmailAddress email) {
        if (findByEmail(email).filter(other -> !other.id().equals(id)).isPresent()) {
            return false;
        }
        return byId.computeIfPresent(id, (k, a) -> a.withEmail(email, true)) != null;
    }

    @Override
    public boolean updateLocked(AccountId id, boolean locked) {
        return byId.computeIfPresent(id, (k, a) -> a.withLocked(locked)) != null;
    }

    @Override
    public List<Account> list(int offset, int limit) {
        return byId.values().stream()
                .sorted(Comparator.comparing(a -> a.email().value()))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Account> search(String fragment, int offset, int limit) {
        return byId.values().stream()
                .filter(a -> a.email().value().contains(fragment))
                .sorted(Comparator.comparing(a -> a.email().value()))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    @Override
    public boolean delete(AccountId id) {
        return byId.remove(id) != null;
    }

    @Override
    public long count() {
        return byId.size();
    }

    @Override
    public boolean anyAdmin() {
        return byId.values().stream().anyMatch(a -> a.role() == Role.ADMIN);
    }
}
