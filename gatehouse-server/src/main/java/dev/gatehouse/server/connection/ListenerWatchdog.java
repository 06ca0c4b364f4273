package dev.gatehouse.server.connection;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Notices when nothing listens on the server's port any more and brings up a new listener.
 *
 * <p>Helidon 4.5's listener treats any failed {@code accept} as the end: when the process has no file
 * descriptor left (EMFILE) it closes its socket and every connection, and its thread then waits
 * forever, so the process lives on without accepting. Nothing in Helidon lets the accept loop retry,
 * so once a second this connects to the port: a refused connection means nothing listens, and
 * {@code relisten} is called (every second, backing off to every {@value #MAX_BACKOFF_SECONDS} s) until
 * it brings one up. A probe that cannot even open a socket proves nothing and changes nothing. Past
 * {@link #GIVE_UP_AFTER} without a listener, {@code giveUp} runs once: the executable exits, so that
 * whatever supervises it starts a fresh process.
 */
public final class ListenerWatchdog implements AutoCloseable {
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    public static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    static final long MAX_BACKOFF_SECONDS = 5;

    private static final System.Logger LOG = System.getLogger("gatehouse.connections");

    enum Probe {
        LISTENING,
        REFUSED,
        UNKNOWN
    }

    private final Supplier<InetSocketAddress> target;
    private final BooleanSupplier relisten;
    private final Runnable giveUp;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("gatehouse-listener-watchdog").factory());

    private volatile long downSince;
    private long nextAttempt;
    private long backoffSeconds;
    private int attempts;
    private boolean gaveUp;

    /**
     * @param target where the listener should answer: its port on its address, or on loopback when it
     *     listens on every address
     * @param relisten stops what is left of the old listener and starts a new one on the same port;
     *     true when it accepts
     */
    public ListenerWatchdog(Supplier<InetSocketAddress> target, BooleanSupplier relisten, Runnable giveUp) {
        this(target, relisten, giveUp, System::nanoTime);
    }

    ListenerWatchdog(
            Supplier<InetSocketAddress> target, BooleanSupplier relisten, Runnable giveUp, LongSupplier nanoTime) {
        this.target = target;
        this.relisten = relisten;
        this.giveUp = giveUp;
        this.nanoTime = nanoTime;
    }

    public void start() {
        openThePollerNow();
        long every = PROBE_INTERVAL.toMillis();
        prober.scheduleWithFixedDelay(
                () -> {
                    try {
                        observe(probe(target.get()));
                    } catch (RuntimeException e) {
                        // A scheduled task that throws is never run again; the next probe may fare better.
                        LOG.log(Level.WARNING, "listener probe failed: " + e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /** "UP", or for how long nothing has accepted. */
    public ReadinessCheck check() {
        long since = downSince;
        if (since == 0) {
            return ReadinessCheck.up("");
        }
        return ReadinessCheck.down(
                "not accepting for " + (nanoTime.getAsLong() - since) / 1_000_000 + " ms; starting a new listener");
    }

    /** One probe's finding, acted on: the state machine without the network, for tests. */
    synchronized void observe(Probe probe) {
        long now = nanoTime.getAsLong();
        if (probe == Probe.LISTENING) {
            if (downSince != 0) {
                LOG.log(Level.WARNING, "the listener accepts again");
                markUp();
            }
            return;
        }
        if (probe == Probe.REFUSED && downSince == 0) {
            downSince = now;
            nextAttempt = now;
            LOG.log(
                    Level.ERROR,
                    "nothing accepts connections on " + target.get() + " any more (Helidon ends its listener when an"
                            + " accept fails, as when no file descriptor is left); starting a new listener");
        }
        if (downSince == 0 || now - nextAttempt < 0) {
            return;
        }
        attempts++;
        if (relistened()) {
            LOG.log(
                    Level.WARNING,
                    "a new listener accepts on " + target.get() + ", " + (now - downSince) / 1_000_000
                            + " ms after none was found (attempt " + attempts + ")");
            markUp();
            return;
        }
        backoffSeconds = Math.min(Math.max(1, backoffSeconds * 2), MAX_BACKOFF_SECONDS);
        nextAttempt = now + TimeUnit.SECONDS.toNanos(backoffSeconds);
        LOG.log(Level.WARNING, "attempt " + attempts + " at a new listener failed; next in " + backoffSeconds + " s");
        if (!gaveUp && now - downSince > GIVE_UP_AFTER.toNanos()) {
            gaveUp = true;
            LOG.log(Level.ERROR, "no listener for " + GIVE_UP_AFTER.toSeconds() + " s; giving up");
            giveUp.run();
        }
    }

    private boolean relistened() {
        try {
            return relisten.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a new listener could not start: " + e.getMessage());
            return false;
        }
    }

    private void markUp() {
        downSince = 0;
        backoffSeconds = 0;
        attempts = 0;
    }

    /**
     * The JDK opens its virtual-thread I/O poller (epoll descriptors) the first time a virtual thread
     * waits on a socket, and if that fails for want of descriptors the failure is final: every later
     * wait of every connection fails with {@code NoClassDefFoundError}. One short wait now, while there
     * are descriptors to spare, keeps that from happening in the middle of a shortage.
     */
    private void openThePollerNow() {
        Thread waiter = Thread.ofVirtual().name("gatehouse-poller-warm-up").start(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(target.get(), (int) PROBE_INTERVAL.toMillis());
                socket.setSoTimeout(1);
                socket.getInputStream().read();
            } catch (IOException e) {
                // the time-out is the point: the wait went through the poller
            }
        });
        try {
            waiter.join(PROBE_INTERVAL.multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Probe probe(InetSocketAddress target) {
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) PROBE_INTERVAL.toMillis());
            return Probe.LISTENING;
        } catch (ConnectException e) {
            return Probe.REFUSED;
        } catch (IOException e) {
            // no descriptor for a socket, or a full backlog: proves nothing either way
            return Probe.UNKNOWN;
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
