package dev.gatehouse.core.session;

/** The SHA-256 of a bearer secret, in hex: what the stores keep instead of the secret. */
public record TokenHash(String hex) {
    public TokenHash {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
        }
    }
}
