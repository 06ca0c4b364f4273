package dev.gatehouse.server.connection;

import dev.gatehouse.core.limit.ClientAddress;
import dev.gatehouse.server.config.ConnectionLimits;
import dev.gatehouse.server.config.TrustedProxies;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The one way into the server: Helidon's HTTP/1.1 behind a count of connections, in total and per
 * client address, and a sweeper that closes connections whose clients are too slow.
 *
 * <p>Past a cap, a new connection takes the place of the one that has waited longest for a request
 * (idle between requests, or still sending its header), as nginx reuses its idle keep-alive
 * connections when it runs out, or of the one that has waited longest for the rest of a body,
 * whichever has waited longer; a connection gets {@link #NEWCOMER_GRACE} before it may be chosen. When
 * none may be (the server is working for every other connection: a password being hashed, an answer
 * going out; or they are all that new), the new one is answered 503 and closed. A connection is never
 * refused by leaving it unanswered, and the total stays below what the process's file descriptors
 * allow (see {@link ConnectionCap}).
 */
public final class ConnectionGuard implements ServerConnectionSelector, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("gatehouse.connections");

    private final ServerConnectionSelector http1;
    private final int maxConnections;
    private final ConnectionLimits limits;
    private final TrustedProxies trustedProxies;
    /**
     * How long a connection waits on its client before it may be closed to make room. A newcomer's request
     * is usually in within a round trip; without this, newcomers at a full cap closed one another before
     * either was read (an outside test: readiness checks and logins cut off unanswered while 60-second-old
     * trickling bodies stayed), where a 503 says to come back.
     */
    static final Duration NEWCOMER_GRACE = Duration.ofMillis(500);

    private final LongSupplier nanoTime;
    private final Set<TrackedConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perAddress = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private int total;

    private ConnectionGuard(
            Http1Config http1Config, int maxConnections, ConnectionLimits limits, TrustedProxies trustedProxies) {
        this.http1 = Http1ConnectionSelector.builder()
                .config(withListeners(http1Config))
                .build();
        this.maxConnections = maxConnections;
        this.limits = limits;
        this.trustedProxies = trustedProxies;
        this.nanoTime = System::nanoTime;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("gatehouse-connection-sweeper").factory());
    }

    /** Guards HTTP/1.1 as {@code http1Config} configures it, and starts sweeping. */
    public static ConnectionGuard start(
            Http1Config http1Config, int maxConnections, ConnectionLimits limits, TrustedProxies trustedProxies) {
        ConnectionGuard guard = new ConnectionGuard(http1Config, maxConnections, limits, trustedProxies);
        long tick = sweepInterval(limits.readTimeout()).toMillis();
        guard.sweeper.scheduleWithFixedDelay(guard::sweep, tick, tick, TimeUnit.MILLISECONDS);
        return guard;
    }

    /**
     * {@code http1Config} with the guard's listeners as the only ones: Helidon 4.5 combines several
     * listeners into one that passes no event on, so its packet-logging listener must give way.
     */
    private static Http1Config withListeners(Http1Config http1Config) {
        Received received = new Received();
        Sent sent = new Sent();
        Http1Config config = Http1Config.builder()
                .from(http1Config)
                .receiveListeners(List.of(received))
                .sendListeners(List.of(sent))
                .build();
        if (config.compositeReceiveListener() != received || config.compositeSendListener() != sent) {
            throw new IllegalStateException("Helidon no longer hands HTTP/1.1 events to a lone listener as given");
        }
        return config;
    }

    /** A tenth of the read timeout, from 100 ms to 1 s: closes are late by at most that. */
    static Duration sweepInterval(Duration readTimeout) {
        long tenth = readTimeout.toMillis() / 10;
        return Duration.ofMillis(Math.clamp(tenth, 100, 1_000));
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData request) {
        return http1.supports(request);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    /** Called by Helidon on the new connection's own thread, before anything is read from it. */
    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        String peer = ctx.remotePeer().address() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress().getHostAddress()
                : "unknown";
        TrackedConnection tracked = new TrackedConnection(
                ClientAddress.group(peer), !trustedProxies.contains(peer), ctx.serverSocket()::close, nanoTime);
        if (!admit(tracked)) {
            return new RefusedConnection(ctx);
        }
        try {
            return new GuardedConnection(http1.connection(new GuardedContext(ctx, tracked)), () -> release(tracked));
        } catch (RuntimeException e) {
            release(tracked);
            throw e;
        }
    }

    /** "UP (12 open, at most 76 at once and 64 per address)": a full server is still ready. */
    public synchronized ReadinessCheck check() {
        return ReadinessCheck.up(
                total + " open, at most " + maxConnections + " at once and " + limits.maxPerAddress() + " per address");
    }

    private synchronized boolean admit(TrackedConnection newcomer) {
        String address = newcomer.address();
        if (newcomer.countedPerAddress() && perAddress.getOrDefault(address, 0) >= limits.maxPerAddress()) {
            if (!makeRoom(c -> c.countedPerAddress() && c.address().equals(address))) {
                return false;
            }
        }
        if (total >= maxConnections && !makeRoom(c -> true)) {
            return false;
        }
        open.add(newcomer);
        total++;
        if (newcomer.countedPerAddress()) {
            perAddress.merge(address, 1, Integer::sum);
        }
        return true;
    }

    /**
     * Closes the connection among {@code candidates} that has waited longest on its client (for a
     * request, or for the rest of a body), if one has waited at least {@link #NEWCOMER_GRACE}. One the
     * server is working for (a password being hashed, an answer going out) is never closed.
     */
    private boolean makeRoom(Predicate<TrackedConnection> candidates) {
        long graceStart = nanoTime.getAsLong() - NEWCOMER_GRACE.toNanos();
        Optional<TrackedConnection> oldest = open.stream()
                .filter(candidates)
                .filter(c -> c.awaitsRequest() || c.awaitsBody())
                .filter(c -> c.phaseSince() - graceStart <= 0)
                .min(Comparator.comparingLong(TrackedConnection::phaseSince));
        oldest.ifPresent(victim -> {
            release(victim);
            victim.close();
        });
        return oldest.isPresent();
    }

    private synchronized void release(TrackedConnection tracked) {
        if (!open.remove(tracked)) {
            return;
        }
        total--;
        if (tracked.countedPerAddress()) {
            perAddress.computeIfPresent(tracked.address(), (address, count) -> count == 1 ? null : count - 1);
        }
    }

    private void sweep() {
        for (TrackedConnection connection : open) {
            try {
                connection.overdue(limits.readTimeout(), limits.idleTimeout()).ifPresent(reason -> {
                    if (connection.close()) {
                        LOG.log(Level.DEBUG, () -> "closed a connection from " + connection.address() + ": " + reason);
                    }
                });
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: one odd connection must not end the sweeps.
                LOG.log(Level.WARNING, "could not check a connection from " + connection.address() + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private static Optional<TrackedConnection> tracked(ConnectionContext ctx) {
        return ctx instanceof GuardedContext guarded ? Optional.of(guarded.tracked()) : Optional.empty();
    }

    /** What Helidon read: a request line, then a whole header. */
    private static final class Received implements Http1ConnectionListener {
        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            if (ctx instanceof GuardedContext guarded) {
                guarded.requestStarted();
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            tracked(ctx).ifPresent(tracked -> {
                tracked.headerRead();
                if (headers.containsToken(HeaderValues.CONNECTION_CLOSE)) {
                    tracked.closeAfterResponse();
                }
            });
        }
    }

    /** What Helidon wrote: the status line of an answer, then its header. */
    private static final class Sent implements Http1ConnectionListener {
        @Override
        public void status(ConnectionContext ctx, Status status) {
            tracked(ctx).ifPresent(TrackedConnection::responseStarted);
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (headers.containsToken(HeaderValues.CONNECTION_CLOSE)) {
                tracked(ctx).ifPresent(TrackedConnection::closeAfterResponse);
            }
        }
    }
}
