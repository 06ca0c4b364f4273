package dev.gatehouse.server.http;

import dev.gatehouse.core.login.DeviceTokens;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The device cookie of OWASP's lock-out scheme ({@code dev.gatehouse.core.login.DeviceTokens}):
 * {@code __Host-gatehouse-device}, set at each successful browser login and sent back with the next,
 * so that this browser is judged by its own failed logins, not by a stranger's.
 */
public final class DeviceCookie {
    static final String NAME = "__Host-gatehouse-device";
    static final Duration LIFETIME = DeviceTokens.LIFETIME;

    private DeviceCookie() {}

    public static String set(String deviceToken) {
        return NAME + "=" + deviceToken + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=" + LIFETIME.toSeconds();
    }

    public static Optional<String> read(ServerRequest request) {
        return SessionCookie.single(request.headers().values(HeaderNames.COOKIE), NAME);
    }
}
