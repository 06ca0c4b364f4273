package dev.gatehouse.server.http;

import dev.gatehouse.core.login.PendingLoginToken;
import dev.gatehouse.core.login.PendingLogins;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The cookie of a browser sign-in waiting for its second factor: {@code __Host-gatehouse-mfa}, apart from
 * the session cookie so that it can never be taken for one, {@code HttpOnly; Secure; SameSite=Strict}, and
 * as short lived as the pending login. It binds the pending login to the browser that gave the password.
 */
public final class PendingLoginCookie {
    static final String NAME = "__Host-gatehouse-mfa";
    private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";

    private PendingLoginCookie() {}

    public static String set(PendingLoginToken token) {
        return NAME + "=" + token.reveal() + ATTRIBUTES + "; Max-Age=" + PendingLogins.LIFETIME.toSeconds();
    }

    public static String cleared() {
        return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    public static Optional<String> read(ServerRequest request) {
        return SessionCookie.single(request.headers().values(HeaderNames.COOKIE), NAME);
    }
}
