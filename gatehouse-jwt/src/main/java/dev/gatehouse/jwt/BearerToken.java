package dev.gatehouse.jwt;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The token of an {@code Authorization: Bearer …} header (RFC 6750 section 2.1; the scheme is case-insensitive). */
public final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private BearerToken() {}

    /** The token, or empty when the header is absent, of another scheme, or carries no token. */
    public static Optional<String> from(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
