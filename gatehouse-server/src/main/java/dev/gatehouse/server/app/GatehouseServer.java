package dev.gatehouse.server.app;

import dev.gatehouse.server.http.GatehouseRouting;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The HTTP server around a {@link Gatehouse}, with the housekeeping that runs beside it. */
public final class GatehouseServer implements AutoCloseable {
    /** The hard stop for headers; the API answers 431 well below it (see GatehouseRouting). */
    static final int MAX_HEADERS_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger("gatehouse.server");
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final WebServer webServer;
    private final ScheduledExecutorService housekeeping;
    private final Runnable streamsToEnd;

    private GatehouseServer(WebServer webServer, ScheduledExecutorService housekeeping, Runnable streamsToEnd) {
        this.webServer = webServer;
        this.housekeeping = housekeeping;
        this.streamsToEnd = streamsToEnd;
    }

    /** Starts listening on the configured host and port (0 for any free port). */
    public static GatehouseServer start(Gatehouse gatehouse) {
        var config = gatehouse.config();
        WebServer webServer = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(GatehouseRouting.MAX_PAYLOAD_BYTES)
                .addProtocol(Http1Config.builder()
                        .maxHeadersSize(MAX_HEADERS_BYTES)
                        .maxPrologueLength(4096)
                        .build())
                .directHandlers(GatehouseRouting.transportErrors())
                .routing(routing -> GatehouseRouting.configure(routing, gatehouse.apiServices()))
                .build()
                .start();
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("gatehouse-housekeeping").factory());
        housekeeping.scheduleWithFixedDelay(
                () -> purge(gatehouse), PURGE_INTERVAL.toSeconds(), PURGE_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return new GatehouseServer(webServer, housekeeping, gatehouse.revocationFeed()::close);
    }

    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        streamsToEnd.run();
        webServer.stop();
    }

    private static void purge(Gatehouse gatehouse) {
        try {
            int purged = gatehouse.sessions().purgeExpired();
            if (purged > 0) {
                LOG.log(Level.INFO, "purged " + purged + " expired sessions");
            }
            gatehouse.accessTokens().purgeRevocations();
            gatehouse.revocationFeed().purgeExpired();
            gatehouse.audit().purgeExpired();
            if (gatehouse.keys().activeKeyOlderThan(gatehouse.config().keyRotationInterval())) {
                var rotation = gatehouse.admin().rotateKeys(dev.gatehouse.core.audit.Actor.SYSTEM);
                LOG.log(
                        Level.INFO,
                        "scheduled key rotation: " + rotation.activated() + " now signs, " + rotation.retired()
                                + " retired");
            }
            gatehouse.keys().purgeRetired();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not purge expired sessions: " + e.getMessage());
        }
    }
}
