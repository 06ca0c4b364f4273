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

    /** The id in {@code text}, or empty when it cannot be one (from a URL, say). */
    public static java.util.Optional<SessionId> parse(String text) {
        return !text.isBlank() && text.length() <= 64
                ? java.util.Optional.of(new SessionId(text))
                : java.util.Optional.empty();
    }

    public static SessionId random(RandomSource random) {
        return new SessionId(HexFormat.of().formatHex(random.nextBytes(16)));
    }

    @Override
    public String toString() {
        return value;
    }
}
