package dev.gatehouse.core.account;

/** Turns passwords into slow, salted hashes and checks them. */
public interface PasswordHasher {

    PasswordHash hash(Password password);

    /** True when {@code password} produces {@code hash}; compared in constant time. */
    boolean verify(Password password, PasswordHash hash);

    /** True when {@code hash} was made with weaker parameters than this hasher now uses. */
    boolean needsRehash(PasswordHash hash);

    /**
     * A hash at this hasher's current cost that no password is known to match: a fresh salt and a
     * random digest. Checking a password against it costs what checking a real account's costs, and
     * making it costs no hash, so a server gets it at start without waiting one hash time.
     */
    PasswordHash unmatchable();
}
