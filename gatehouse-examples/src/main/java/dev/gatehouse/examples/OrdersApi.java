package dev.gatehouse.examples;

import dev.gatehouse.verifier.GatehouseVerifier;
import dev.gatehouse.verifier.javalin.GatehouseJavalin;
import io.javalin.Javalin;
import java.net.URI;

/**
 * A REST API protected only by the verifier: it never calls Gatehouse per request, yet a revoked
 * session's token stops working here within about a second, through the revocation feed.
 */
final class OrdersApi implements AutoCloseable {
    private final Javalin app;

    OrdersApi(GatehouseVerifier verifier) {
        app = Javalin.create(config -> {
                    config.routes.before("/api/*", GatehouseJavalin.bearerAuthentication(verifier, "orders"));
                    config.routes.get(
                            "/api/orders",
                            ctx -> ctx.json(java.util.List.of(java.util.Map.of(
                                    "id",
                                    1,
                                    "owner",
                                    GatehouseJavalin.token(ctx).subject(),
                                    "item",
                                    "tea"))));
                })
                .start("127.0.0.1", 0);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    public void close() {
        app.stop();
    }
}
