package dev.gatehouse.core.account;

import java.util.List;
import java.util.Optional;

/** Where accounts live. Adapters must pass {@code AccountStoreContract} in the testkit. */
public interface AccountStore {

    /** Stores a new account; false, and nothing stored, when its email is already registered. */
    boolean insert(Account account);

    Optional<Account> findByEmail(EmailAddress email);

    Optional<Account> findById(AccountId id);

    /** Replaces the password hash; false when there is no such account. */
    boolean updatePasswordHash(AccountId id, PasswordHash hash);

    /** Marks the account's current address verified; false when there is no such account. */
    boolean markEmailVerified(AccountId id);

    /**
     * Gives the account a new, verified address; false when there is no such account or another account
     * has that address.
     */
    boolean changeEmail(AccountId id, EmailAddress email);

    /** Locks or unlocks; false when there is no such account. */
    boolean updateLocked(AccountId id, boolean locked);

    /** Records that an administrator forgave the account's failed logins at {@code at}; false when none. */
    boolean markLoginsForgiven(AccountId id, java.time.Instant at);

    /** When the account's failed logins were last forgiven; empty when never, or no such account. */
    Optional<java.time.Instant> loginsForgivenAt(EmailAddress email);

    /** Accounts ordered by email, {@code limit} of them after skipping {@code offset}. */
    List<Account> list(int offset, int limit);

    boolean anyAdmin();

    /** How many accounts there are. */
    long count();

    /** Accounts whose email contains {@code fragment} (lower case), ordered by email, in pages. */
    List<Account> search(String fragment, int offset, int limit);

    /** Deletes the account and, with it, every session and refresh family; false when there was none. */
    boolean delete(AccountId id);
}
