package dev.gatehouse.server.app;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.config.ConnectionLimits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.connection.ConnectionCap;
import dev.gatehouse.server.connection.ConnectionGuard;
import dev.gatehouse.server.connection.ListenerWatchdog;
import dev.gatehouse.server.connection.OpenFiles;
import dev.gatehouse.server.connection.ReadinessCheck;
import dev.gatehouse.server.http.ApiServices;
import dev.gatehouse.server.http.GatehouseRouting;
import dev.gatehouse.server.http.Readiness;
import dev.gatehouse.server.metrics.ManagementListener;
import dev.gatehouse.server.metrics.RequestMeters;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server around a {@link Gatehouse}, with the housekeeping that runs beside it.
 *
 * <p>Every connection comes in through a {@link ConnectionGuard}, which caps them (in total below what
 * the process's file descriptors allow, and per client address) and closes the ones whose clients are
 * too slow; a {@link ListenerWatchdog} brings up a new listener should Helidon's ever stop accepting.
 * docs/security.md describes the limits.
 */
public final class GatehouseServer implements AutoCloseable {
    /**
     * The hard stop for headers; the API answers 431 below it (16 KiB, see GatehouseRouting). Kept near
     * that: a connection holding an unfinished header costs the heap about twice the bytes it has sent,
     * and at 64 KiB, 740 such connections (under the automatic cap, from 12 addresses) with a login flood
     * beside them ran the launcher's 168 MiB heap out of memory in 3 s, which ends the process; at 24 KiB
     * the same attack left it answering (docs/security.md, "Connections").
     */
    static final int MAX_HEADERS_BYTES = 24 * 1024;

    private static final System.Logger LOG = System.getLogger("gatehouse.server");
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    /** How often idle password-hashing memory is looked for (it is given back after 10 s idle). */
    private static final Duration HASH_MEMORY_CHECK = Duration.ofSeconds(5);
    /** How often the back-channel logout outbox is read: an app hears of a sign-out within about this. */
    private static final Duration BACKCHANNEL_INTERVAL = Duration.ofSeconds(1);
    /** How long a stopping server lets requests under way finish; a supervisor's kill comes later. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final Gatehouse gatehouse;
    private final ConnectionLimits limits;
    private final int maxConnections;
    private final ConnectionGuard guard;
    private final ApiServices services;
    private final ListenerWatchdog watchdog;
    private final ScheduledExecutorService housekeeping;
    private final ScheduledExecutorService backChannelWorker;
    private final int port;
    private final RequestDrain drain = new RequestDrain();
    private final RequestMeters requestMeters;
    private final Optional<ManagementListener> management;
    private volatile WebServer webServer;
    private boolean closed;

    private GatehouseServer(Gatehouse gatehouse, int maxConnections, ConnectionGuard guard, Runnable listenerLost) {
        this.gatehouse = gatehouse;
        this.limits = gatehouse.config().connectionLimits();
        this.maxConnections = maxConnections;
        this.guard = guard;
        this.services = gatehouse.apiServices(this::serverReadiness);
        this.requestMeters = new RequestMeters(gatehouse.meters().registry());
        this.watchdog = new ListenerWatchdog(this::listenerAddress, this::relisten, listenerLost);
        // The management listener first: a port it cannot bind stops the start before the public port
        // opens; should the public listener fail instead, the management one closes again.
        this.management = gatehouse.config().management().enabled()
                ? Optional.of(ManagementListener.start(gatehouse.config().management(), gatehouse.meters()))
                : Optional.empty();
        try (ListenerStartLog startLog = ListenerStartLog.capture()) {
            this.webServer = listen(gatehouse.config().port());
            if (!webServer.isRunning()) {
                // Helidon returns a server that never listens (port -1): an outside test found such a
                // process announcing port -1 and running on for good.
                throw new GatehouseException(
                        "GATEHOUSE_PORT=" + gatehouse.config().port() + ": cannot listen on "
                                + gatehouse.config().host() + " ("
                                + (startLog.cause().isEmpty()
                                        ? "port in use, or an address not of this host?"
                                        : startLog.cause())
                                + ")");
            }
        } catch (RuntimeException e) {
            management.ifPresent(ManagementListener::close);
            throw e;
        }
        this.port = webServer.port();
        this.watchdog.start();
        gatehouse.startMailDelivery();
        gatehouse.preloadCommonPasswords();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("gatehouse-housekeeping").factory());
        housekeeping.scheduleWithFixedDelay(
                () -> purge(gatehouse), PURGE_INTERVAL.toSeconds(), PURGE_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(
                () -> releaseHashingMemory(gatehouse),
                HASH_MEMORY_CHECK.toSeconds(),
                HASH_MEMORY_CHECK.toSeconds(),
                TimeUnit.SECONDS);
        // Its own worker: a slow app (up to 8 s an attempt) never holds up the purge and key rotation.
        this.backChannelWorker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("gatehouse-backchannel").factory());
        backChannelWorker.scheduleWithFixedDelay(
                () -> deliverBackChannelLogouts(gatehouse),
                BACKCHANNEL_INTERVAL.toMillis(),
                BACKCHANNEL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Starts listening on the configured host and port (0 for any free port). */
    public static GatehouseServer start(Gatehouse gatehouse) {
        return start(gatehouse, () -> {});
    }

    /**
     * Starts listening; {@code listenerLost} runs once if the listener stops accepting and no new one
     * can be brought up within {@link ListenerWatchdog#GIVE_UP_AFTER}.
     */
    public static GatehouseServer start(Gatehouse gatehouse, Runnable listenerLost) {
        GatehouseConfig config = gatehouse.config();
        ConnectionLimits limits = config.connectionLimits();
        int maxConnections = ConnectionCap.resolve(
                limits.maxConnections(),
                config.isShared() ? config.databasePoolSize() : 0,
                OpenFiles.limit(),
                OpenFiles.open(),
                Runtime.getRuntime().maxMemory());
        Http1Config http1 = Http1Config.builder()
                .maxHeadersSize(MAX_HEADERS_BYTES)
                .maxPrologueLength(4096)
                .build();
        ConnectionGuard guard = ConnectionGuard.start(
                http1, maxConnections, limits, config.abuseLimits().trustedProxies());
        try {
            return new GatehouseServer(gatehouse, maxConnections, guard, listenerLost);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The management listener's port ({@code /metrics}), empty when it is off. */
    public OptionalInt managementPort() {
        return management.map(listener -> OptionalInt.of(listener.port())).orElse(OptionalInt.empty());
    }

    /** How long {@link #close()} lets requests under way finish. */
    public static Duration shutdownGrace() {
        return SHUTDOWN_GRACE;
    }

    /** "at most 76 at once and 64 per address (open files: 94 of 256 open)", for the start-up print. */
    public String connectionLimits() {
        return "at most " + maxConnections + " at once and " + limits.maxPerAddress() + " per address (open files: "
                + OpenFiles.describe() + ")";
    }

    private WebServer listen(int port) {
        GatehouseConfig config = gatehouse.config();
        return WebServer.builder()
                .host(config.host())
                .port(port)
                .maxPayloadSize(GatehouseRouting.MAX_PAYLOAD_BYTES)
                // Helidon's own hook would stop the listener at SIGTERM before requests under way finish;
                // close() stops it, after the drain, from the one hook `gatehouse serve` registers.
                .shutdownHook(false)
                // The guard is the only way in: it wraps Helidon's HTTP/1.1, so none is discovered beside it.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(guard)
                // Helidon stops accepting (and leaves new connections in the backlog) past this; the guard
                // answers 503 or makes room well before, so this only bounds descriptors.
                .maxTcpConnections(maxConnections + ConnectionCap.REFUSAL_HEADROOM)
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(Duration.ofSeconds(1))
                .directHandlers(GatehouseRouting.transportErrors())
                .routing(routing -> {
                    // Outermost, so a request's time includes every filter's and its status is the final one.
                    routing.addFilter(requestMeters);
                    routing.addFilter(drain);
                    GatehouseRouting.configure(routing, services);
                })
                .build()
                .start();
    }

    /**
     * What is left of a listener that stopped accepting goes; a new one takes the same port. Not while
     * descriptors are short: its first {@code accept} would fail and end it as the last one ended.
     */
    private synchronized boolean relisten() {
        ReadinessCheck descriptors = OpenFiles.check();
        if (closed || !descriptors.up()) {
            LOG.log(Level.WARNING, "no new listener yet: descriptors " + descriptors.detail());
            return false;
        }
        webServer.stop();
        WebServer fresh = listen(port);
        if (!fresh.isRunning()) {
            return false;
        }
        webServer = fresh;
        return true;
    }

    private InetSocketAddress listenerAddress() {
        try {
            InetAddress bound = InetAddress.getByName(gatehouse.config().host());
            return new InetSocketAddress(bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound, port);
        } catch (UnknownHostException e) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
    }

    /** Ready also means accepting connections, with file descriptors to spare. */
    private Readiness serverReadiness() {
        Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
        checks.put("listener", watchdog.check());
        checks.put("descriptors", OpenFiles.check());
        checks.put("connections", guard.check());
        // The readiness request itself is one of those under way: not counted.
        int others = Math.max(0, drain.inFlight() - 1);
        checks.put(
                "requests",
                drain.draining()
                        ? new ReadinessCheck(false, "DOWN (stopping, " + others + " under way to finish)")
                        : new ReadinessCheck(true, "UP (" + others + " under way)"));
        Map<String, String> details = new LinkedHashMap<>();
        checks.forEach((part, check) -> details.put(part, check.detail()));
        return new Readiness(checks.values().stream().allMatch(ReadinessCheck::up), details);
    }

    /**
     * Stops gracefully: readiness goes DOWN, revocation streams end (their verifiers reconnect elsewhere),
     * requests under way finish within {@link #SHUTDOWN_GRACE}, and only then do the listener and the
     * connections close.
     */
    @Override
    public void close() {
        watchdog.close();
        housekeeping.shutdownNow();
        backChannelWorker.shutdownNow();
        gatehouse.revocationFeed().close();
        if (!drain.drain(SHUTDOWN_GRACE)) {
            LOG.log(
                    Level.WARNING,
                    drain.inFlight() + " request(s) still under way after " + SHUTDOWN_GRACE.toSeconds()
                            + " s; closing their connections");
        }
        synchronized (this) {
            closed = true;
            webServer.stop();
        }
        guard.close();
        // Last: a scrape during the drain still sees the requests finishing.
        management.ifPresent(ManagementListener::close);
    }

    /** The back-channel outbox: due logout tokens go out, on whichever node gets to them first. */
    private static void deliverBackChannelLogouts(Gatehouse gatehouse) {
        try {
            gatehouse.backChannel().deliverDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "back-channel logout delivery failed: " + e.getMessage());
        }
    }

    private static void releaseHashingMemory(Gatehouse gatehouse) {
        try {
            gatehouse.releaseIdleHashingMemory();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next check may succeed.
            LOG.log(Level.WARNING, "could not give back idle password-hashing memory", e);
        }
    }

    private static void purge(Gatehouse gatehouse) {
        try {
            int purged = gatehouse.sessions().purgeExpired();
            gatehouse.meters().audit().sessionsExpired(purged);
            if (purged > 0) {
                LOG.log(Level.INFO, "purged " + purged + " expired sessions");
            }
            gatehouse.pendingLogins().purgeExpired();
            gatehouse.passkeys().purgeExpiredChallenges();
            gatehouse.accessTokens().purgeRevocations();
            gatehouse.authorizations().purgeExpiredCodes();
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
