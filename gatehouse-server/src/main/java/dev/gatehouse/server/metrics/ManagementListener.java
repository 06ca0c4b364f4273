package dev.gatehouse.server.metrics;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.config.ManagementListenerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The management listener: {@code GET /metrics} in the Prometheus text format, and nothing else, on its
 * own address and port (loopback by default). A web server of its own rather than a second socket of
 * the public one: the public listener sits behind the connection guard and is rebuilt by its watchdog,
 * and a scrape must get through exactly when the public side is full or failing.
 */
public final class ManagementListener implements AutoCloseable {
    /** What Prometheus asks for by default: its text format, version 0.0.4, which {@code scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** A scraper or two and an operator's curl; more only costs descriptors. */
    private static final int MAX_CONNECTIONS = 16;

    private final WebServer server;

    private ManagementListener(WebServer server) {
        this.server = server;
    }

    /** Starts listening where {@code config} says; call only when it is {@link ManagementListenerConfig#enabled()}. */
    public static ManagementListener start(ManagementListenerConfig config, GatehouseMeters meters) {
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port().orElseThrow())
                .shutdownHook(false)
                .maxTcpConnections(MAX_CONNECTIONS)
                .idleConnectionTimeout(Duration.ofMinutes(1))
                .routing(routing -> routing.get("/metrics", (request, response) -> {
                            response.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
                            response.send(meters.scrape().getBytes(StandardCharsets.UTF_8));
                        })
                        .any((request, response) -> response.status(Status.NOT_FOUND_404)
                                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                                .send("Only GET /metrics is served here.\n")))
                .build()
                .start();
        if (!server.isRunning()) {
            // Helidon logs a failed bind and returns a stopped server; metrics asked for and not served
            // would go unnoticed until someone needs them, so the start fails here, saying why.
            throw new GatehouseException(
                    "GATEHOUSE_MANAGEMENT_PORT=" + config.port().getAsInt() + ": cannot listen on " + config.host()
                            + " (port in use, or an address not of this host?)");
        }
        return new ManagementListener(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
