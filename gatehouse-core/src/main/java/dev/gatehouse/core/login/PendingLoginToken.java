package dev.gatehouse.core.login;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.TokenHash;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret of a sign-in waiting for its second factor: 256 random bits behind an {@code mfa_} prefix,
 * so it can never parse as a session token (43 bare characters) or a JWT. Only its hash is stored, in
 * its own table: presented as a session cookie or a bearer token it finds nothing.
 */
public final class PendingLoginToken {
    public static final String PREFIX = "mfa_";
    private static final Pattern FORMAT = Pattern.compile("mfa_[A-Za-z0-9_-]{43}");

    private final String value;

    private PendingLoginToken(String value) {
        this.value = value;
    }

    static PendingLoginToken random(RandomSource random) {
        return new PendingLoginToken(
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random.nextBytes(32)));
    }

    /** The token in {@code presented}, or empty when it cannot be one. */
    public static Optional<PendingLoginToken> parse(String presented) {
        return presented.length() == 47 && FORMAT.matcher(presented).matches()
                ? Optional.of(new PendingLoginToken(presented))
                : Optional.empty();
    }

    public TokenHash hash() {
        return new TokenHash(Sha256.hex(value));
    }

    /** The secret itself, for the cookie or the problem body; never log it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "PendingLoginToken[redacted]";
    }
}
