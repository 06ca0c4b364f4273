package dev.gatehouse.core.session;

import dev.gatehouse.core.secret.RandomSource;
import java.util.HexFormat;

/**
 * The public name of a session, shown in listings and used to revoke one. Unlike the token it grants
 * nothing, so it may appear in URLs and logs.
 */
public record SessionId(String value) {
    public SessionId {
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("session id must be 1 to 64 characters");
        }
    }

    public static SessionId random(RandomSource random) {
        return new SessionId(HexFormat.of().formatHex(random.nextBytes(16)));
    }

    @Override
    public String toString() {
        return value;
    }
}
