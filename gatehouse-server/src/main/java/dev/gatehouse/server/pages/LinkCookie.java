package dev.gatehouse.server.pages;

import dev.gatehouse.server.http.SessionCookie;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Where a mailed link's token waits between the link's arrival and the form that uses it: out of the
 * address bar, history and any {@code Referer}, in a cookie only this server reads ({@code __Host-},
 * Secure, HttpOnly), for at most 30 minutes.
 */
final class LinkCookie {
    static final String NAME = "__Host-gatehouse-link";
    private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Lax";

    private LinkCookie() {}

    /** The {@code Set-Cookie} value keeping {@code token}; a token of another shape is kept as nothing. */
    static String keep(String token) {
        String safe = token.matches("[A-Za-z0-9_-]{1,64}") ? token : "";
        return NAME + "=" + safe + ATTRIBUTES + "; Max-Age=1800";
    }

    static String cleared() {
        return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    static Optional<String> read(ServerRequest request) {
        return SessionCookie.single(request.headers().values(HeaderNames.COOKIE), NAME)
                .filter(token -> !token.isEmpty());
    }
}
