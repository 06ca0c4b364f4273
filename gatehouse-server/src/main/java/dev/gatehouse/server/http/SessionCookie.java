package dev.gatehouse.server.http;

import dev.gatehouse.core.session.SessionToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session cookie: {@code __Host-gatehouse}, {@code HttpOnly; Secure; SameSite=Lax; Path=/} and no
 * {@code Domain}. The {@code __Host-} prefix (RFC 6265bis section 4.1.3.2) makes browsers refuse it
 * unless it is Secure, host-only and for path {@code /}, so no sibling subdomain can plant one.
 */
public final class SessionCookie {
    public static final String NAME = "__Host-gatehouse";
    private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Lax";

    private SessionCookie() {}

    public static String set(SessionToken token, Duration maxAge) {
        return NAME + "=" + token.reveal() + ATTRIBUTES + "; Max-Age=" + maxAge.toSeconds();
    }

    public static String cleared() {
        return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    /**
     * The session token in the request's {@code Cookie} headers. More than one Gatehouse cookie means
     * someone planted one, so then there is none.
     */
    public static Optional<SessionToken> read(List<String> cookieHeaders) {
        return single(cookieHeaders, NAME).flatMap(SessionToken::parse);
    }

    /** The one value of cookie {@code name}; empty when absent or sent more than once. */
    public static Optional<String> single(List<String> cookieHeaders, String name) {
        List<String> values = new ArrayList<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    values.add(pair.substring(equals + 1).strip());
                }
            }
        }
        return values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
    }
}
