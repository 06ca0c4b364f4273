package dev.gatehouse.server.http;

import io.helidon.webserver.http.HttpRouting;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health/live} (the process answers) and {@code /health/ready} (and so does its store). */
final class HealthRoutes {
    private final Supplier<Readiness> readiness;
    private final HttpIo io;

    HealthRoutes(Supplier<Readiness> readiness, HttpIo io) {
        this.readiness = readiness;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/health/live")
                .get((request, response) -> io.json(response, 200, new Views.Health("UP", Map.of())))
                .register(routing, io);
        Route.at("/health/ready")
                .get((request, response) -> {
                    Readiness now = readiness.get();
                    io.json(
                            response,
                            now.ready() ? 200 : 503,
                            new Views.Health(now.ready() ? "UP" : "DOWN", now.checks()));
                })
                .register(routing, io);
    }
}
