package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;

/** Answers 405 with {@code Allow} for methods a path does not support; register after the path's real routes. */
final class MethodGuard {
    private MethodGuard() {}

    static void allowOnly(HttpRouting.Builder routing, String path, String allowed, HttpIo io) {
        routing.any(path, (request, response) -> {
            response.header(HeaderNames.ALLOW, allowed);
            io.problem(response, Problem.methodNotAllowed(allowed));
        });
    }
}
