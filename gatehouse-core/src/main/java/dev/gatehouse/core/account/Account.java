package dev.gatehouse.core.account;

import java.time.Instant;

/**
 * One person or service that can log in.
 *
 * @param emailVerified whether the owner proved the address is theirs (a link mailed to it was followed),
 *     or an administrator vouched for it; accounts from before verification existed count as verified
 */
public record Account(
        AccountId id,
        EmailAddress email,
        PasswordHash passwordHash,
        Role role,
        boolean locked,
        Instant createdAt,
        boolean emailVerified) {

    /** An account whose address is not verified yet. */
    public Account(
            AccountId id, EmailAddress email, PasswordHash passwordHash, Role role, boolean locked, Instant createdAt) {
        this(id, email, passwordHash, role, locked, createdAt, false);
    }

    public Account withPasswordHash(PasswordHash newHash) {
        return new Account(id, email, newHash, role, locked, createdAt, emailVerified);
    }

    public Account withLocked(boolean newLocked) {
        return new Account(id, email, passwordHash, role, newLocked, createdAt, emailVerified);
    }

    public Account withEmail(EmailAddress newEmail, boolean verified) {
        return new Account(id, newEmail, passwordHash, role, locked, createdAt, verified);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
