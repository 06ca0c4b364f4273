package dev.gatehouse.server.metrics;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.config.ConnectionLimits;
import dev.gatehouse.server.config.ManagementListenerConfig;
import dev.gatehouse.server.config.TrustedProxies;
import dev.gatehouse.server.connection.ConnectionCap;
import dev.gatehouse.server.connection.ConnectionGuard;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The management listener: {@code GET /metrics} in the Prometheus text format, and nothing else, on its
 * own address and port (loopback by default). A web server of its own rather than a second socket of
 * the public one: the public listener's connection guard counts its own connections and its watchdog
 * rebuilds it, and a scrape must get through exactly when the public side is full or failing. This
 * listener has a guard of its own, with smaller numbers.
 */
public final class ManagementListener implements AutoCloseable {
    /** What Prometheus asks for by default: its text format, version 0.0.4, which {@code scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** A scraper or two and an operator's curl; more only costs descriptors. */
    private static final int MAX_CONNECTIONS = 16;

    /**
     * The public listener's rules on a smaller scale: a connection that starts no request for a minute,
     * or takes more than five seconds over its header, is closed; when all are taken, a new one takes the
     * place of the one that has waited longest. Without them sixteen silent connections kept every
     * scrape out until Helidon's idle check, minutes later.
     */
    private static final ConnectionLimits LIMITS = new ConnectionLimits(
            OptionalInt.of(MAX_CONNECTIONS), MAX_CONNECTIONS, Duration.ofMinutes(1), Duration.ofSeconds(5));

    private final WebServer server;
    private final ConnectionGuard guard;

    private ManagementListener(WebServer server, ConnectionGuard guard) {
        this.server = server;
        this.guard = guard;
    }

    /** Starts listening where {@code config} says; call only when it is {@link ManagementListenerConfig#enabled()}. */
    public static ManagementListener start(ManagementListenerConfig config, GatehouseMeters meters) {
        ConnectionGuard guard = ConnectionGuard.start(
                Http1Config.builder().maxPrologueLength(4096).build(), MAX_CONNECTIONS, LIMITS, TrustedProxies.NONE);
        WebServer server;
        try {
            server = listen(config, meters, guard);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
        if (!server.isRunning()) {
            guard.close();
            // Helidon logs a failed bind and returns a stopped server; metrics asked for and not served
            // would go unnoticed until someone needs them, so the start fails here, saying why.
            throw new GatehouseException(
                    "GATEHOUSE_MANAGEMENT_PORT=" + config.port().getAsInt() + ": cannot listen on " + config.host()
                            + " (port in use, or an address not of this host?)");
        }
        return new ManagementListener(server, guard);
    }

    private static WebServer listen(ManagementListenerConfig config, GatehouseMeters meters, ConnectionGuard guard) {
        return WebServer.builder()
                .host(config.host())
                .port(config.port().orElseThrow())
                .shutdownHook(false)
                .protocolsDiscoverServices(false)
                .addConnectionSelector(guard)
                .maxTcpConnections(MAX_CONNECTIONS + ConnectionCap.REFUSAL_HEADROOM)
                .idleConnectionTimeout(LIMITS.idleTimeout())
                .idleConnectionPeriod(Duration.ofSeconds(1))
                .routing(routing -> routing.get("/metrics", (request, response) -> {
                            response.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
                            response.send(meters.scrape().getBytes(StandardCharsets.UTF_8));
                        })
                        .any((request, response) -> response.status(Status.NOT_FOUND_404)
                                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                                .send("Only GET /metrics is served here.\n")))
                .build()
                .start();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            guard.close();
        }
    }
}
