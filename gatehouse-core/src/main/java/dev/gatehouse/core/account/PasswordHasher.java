package dev.gatehouse.core.account;

/** Turns passwords into slow, salted hashes and checks them. */
public interface PasswordHasher {

    PasswordHash hash(Password password);

    /** True when {@code password} produces {@code hash}; compared in constant time. */
    boolean verify(Password password, PasswordHash hash);

    /** True when {@code hash} was made with weaker parameters than this hasher now uses. */
    boolean needsRehash(PasswordHash hash);
}
