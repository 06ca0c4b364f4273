package dev.gatehouse.server.http;

import dev.gatehouse.core.passkey.PasskeyService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The cookie that binds a WebAuthn challenge to the browser that asked for it: {@code __Host-gatehouse-passkey},
 * {@code HttpOnly; Secure; SameSite=Strict}, as short lived as the challenge. The store keeps only its
 * SHA-256, so an answer posted from any other browser (or a challenge read off the page by a script) finds
 * no challenge to answer.
 */
public final class PasskeyCookie {
    static final String NAME = "__Host-gatehouse-passkey";
    private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";

    private PasskeyCookie() {}

    public static String set(String bindingToken) {
        return NAME + "=" + bindingToken + ATTRIBUTES + "; Max-Age=" + PasskeyService.CHALLENGE_LIFETIME.toSeconds();
    }

    public static String cleared() {
        return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    public static Optional<String> read(ServerRequest request) {
        return SessionCookie.single(request.headers().values(HeaderNames.COOKIE), NAME)
                .filter(value -> !value.isEmpty());
    }
}
