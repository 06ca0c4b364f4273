package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * Cross-origin access for the configured origins only ({@code GATEHOUSE_ALLOWED_ORIGINS}, exact
 * match): their pages may call the API with credentials. Never {@code *}, never an echo of an origin
 * that is not on the list, and always {@code Vary: Origin} so no cache serves one origin's answer to
 * another.
 */
final class Cors {
    private static final String ALLOWED_METHODS = "GET, POST, DELETE";
    private static final String ALLOWED_HEADERS = "Content-Type, X-CSRF-Token, Authorization";

    private final List<String> allowedOrigins;

    Cors(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Adds the CORS headers; returns true when the request was a preflight, now fully answered. */
    boolean apply(ServerRequest request, ServerResponse response, HttpIo io) {
        response.header(HeaderNames.VARY, "Origin");
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        boolean allowed = origin.isPresent() && allowedOrigins.contains(origin.get());
        if (allowed) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        boolean preflight = request.prologue().method() == Method.OPTIONS
                && origin.isPresent()
                && request.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!preflight) {
            return false;
        }
        if (!allowed) {
            io.problem(
                    response,
                    Problem.of(ProblemType.CORS_ORIGIN_REFUSED, "This origin may not call the API from a browser."));
            return true;
        }
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        response.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        io.noContent(response);
        return true;
    }
}
