package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One path's handlers, registered together with the 405 (and its {@code Allow} header) for every
 * other method, so that no path can get the one without the other.
 *
 * <pre>{@code Route.at("/v1/sessions").get(this::list).post(this::login).register(routing, io);}</pre>
 */
public final class Route {
    private final String path;
    private final Map<Method, Handler> handlers = new LinkedHashMap<>();

    private Route(String path) {
        this.path = path;
    }

    public static Route at(String path) {
        return new Route(path);
    }

    public Route get(Handler handler) {
        return on(Method.GET, handler);
    }

    public Route post(Handler handler) {
        return on(Method.POST, handler);
    }

    Route delete(Handler handler) {
        return on(Method.DELETE, handler);
    }

    private Route on(Method method, Handler handler) {
        if (handlers.putIfAbsent(method, handler) != null) {
            throw new IllegalStateException(method.text() + " " + path + " is routed twice");
        }
        return this;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        handlers.forEach((method, handler) -> routing.route(method, path, handler));
        String allowed =
                String.join(", ", handlers.keySet().stream().map(Method::text).toList());
        routing.any(path, (request, response) -> {
            response.header(HeaderNames.ALLOW, allowed);
            io.problem(response, Problem.methodNotAllowed(allowed));
        });
    }
}
