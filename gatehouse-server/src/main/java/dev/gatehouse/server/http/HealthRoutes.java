package dev.gatehouse.server.http;

import io.helidon.webserver.http.HttpRouting;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /health/live} (the process answers) and {@code /health/ready} (and so does its store). */
final class HealthRoutes {
    private final BooleanSupplier storeReady;
    private final HttpIo io;

    HealthRoutes(BooleanSupplier storeReady, HttpIo io) {
        this.storeReady = storeReady;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/health/live", (request, response) -> io.json(response, 200, new Views.Health("UP", Map.of())));
        MethodGuard.allowOnly(routing, "/health/live", "GET", io);
        routing.get("/health/ready", (request, response) -> {
            boolean ready = storeReady.getAsBoolean();
            io.json(
                    response,
                    ready ? 200 : 503,
                    new Views.Health(ready ? "UP" : "DOWN", Map.of("store", ready ? "UP" : "DOWN")));
        });
        MethodGuard.allowOnly(routing, "/health/ready", "GET", io);
    }
}
