package dev.gatehouse.core.account;

/**
 * A password hash in PHC string format, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, so the
 * parameters travel with the hash and can be upgraded later.
 */
public record PasswordHash(String phcString) {
    public PasswordHash {
        if (!phcString.startsWith("$")) {
            throw new IllegalArgumentException("a password hash must be a PHC string");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
