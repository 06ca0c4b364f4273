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
        routing.get("/health/live", (request, response) -> io.json(response, 200, new Views.Health("UP", Map.of())));
        MethodGuard.allowOnly(routing, "/health/live", "GET", io);
        routing.get("/health/ready", (request, response) -> {
            Readiness now = readiness.get();
            io.json(response, now.ready() ? 200 : 503, new Views.Health(now.ready() ? "UP" : "DOWN", now.checks()));
        });
        MethodGuard.allowOnly(routing, "/health/ready", "GET", io);
    }
}
