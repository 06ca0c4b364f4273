package dev.gatehouse.core.account;

import java.time.Instant;

/** One person or service that can log in. */
public record Account(
        AccountId id, EmailAddress email, PasswordHash passwordHash, Role role, boolean locked, Instant createdAt) {

    public Account withPasswordHash(PasswordHash newHash) {
        return new Account(id, email, newHash, role, locked, createdAt);
    }

    public Account withLocked(boolean newLocked) {
        return new Account(id, email, passwordHash, role, newLocked, createdAt);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
