package dev.gatehouse.core.session;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer secret in the session cookie: 256 random bits, base64url without padding (43
 * characters). Only its {@link #hash()} is stored, so a copy of the database lets nobody in.
 */
public final class SessionToken {
    static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String CSRF_DOMAIN = "gatehouse-csrf-v1:";

    private final String value;

    private SessionToken(String value) {
        this.value = value;
    }

    public static SessionToken random(RandomSource random) {
        return new SessionToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random.nextBytes(BYTES)));
    }

    /** The token in {@code presented}, or empty when it cannot be one of ours. */
    public static Optional<SessionToken> parse(String presented) {
        return FORMAT.matcher(presented).matches() ? Optional.of(new SessionToken(presented)) : Optional.empty();
    }

    public TokenHash hash() {
        return new TokenHash(Sha256.hex(value));
    }

    /**
     * The session's CSRF token: a one-way function of the session token, so it needs no storage and
     * reveals nothing about the cookie even when a page embeds it.
     */
    public String csrfToken() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Sha256.digest((CSRF_DOMAIN + value).getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a presented CSRF token against this session's. */
    public boolean csrfTokenMatches(String presented) {
        return Sha256.constantTimeEquals(csrfToken(), presented);
    }

    /** The secret itself, for the cookie; never log it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
