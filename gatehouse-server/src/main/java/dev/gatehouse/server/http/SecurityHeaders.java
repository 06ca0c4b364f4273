package dev.gatehouse.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Headers every response carries. Nothing this API returns may be cached (it is all credentials or
 * data about them), framed, sniffed into another type, or leak the URL in a Referer.
 */
final class SecurityHeaders {
    static final Map<HeaderName, String> ALL = Map.of(
            HeaderNames.CACHE_CONTROL,
            "no-store",
            HeaderNames.X_CONTENT_TYPE_OPTIONS,
            "nosniff",
            HeaderNames.create("Referrer-Policy"),
            "no-referrer",
            HeaderNames.create("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'",
            HeaderNames.create("X-Frame-Options"),
            "DENY",
            HeaderNames.create("Cross-Origin-Resource-Policy"),
            "same-origin");

    private SecurityHeaders() {}

    static void applyTo(BiConsumer<HeaderName, String> header) {
        ALL.forEach(header);
    }
}
