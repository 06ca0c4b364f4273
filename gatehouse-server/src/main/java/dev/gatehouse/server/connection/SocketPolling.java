package dev.gatehouse.server.connection;

import java.util.Properties;

/**
 * How the JDK wakes a virtual thread whose socket has data: set before the first socket is read.
 *
 * <p>Since JDK 22 the JDK on Linux polls sockets from virtual threads of its own by default, which
 * queue for the same two carriers as every request, so at saturation a socket whose data had arrived
 * waited for the poller's turn. {@code jdk.pollerMode=1} polls from platform threads, which the
 * operating system wakes as soon as data arrives. Measured on 2 cores, back to back, the evidence is
 * mixed: client credentials at 32 connections went from p99 108–135 ms (maxima of seconds) to 2–4 ms,
 * and a light client beside a flood from p99 156–276 ms to 28–110 ms, while the p99 of the cheaper
 * requests at saturation rose by a fifth or so (introspection 37–39 to 50–59 ms). It is the JDK's own
 * setting, not a supported API: an operator's value wins, and a JDK that drops the setting ignores it.
 */
public final class SocketPolling {
    static final String POLLER_MODE = "jdk.pollerMode";
    static final String PLATFORM_THREAD_POLLERS = "1";

    private SocketPolling() {}

    /** Polls from platform threads unless {@code system} already names a mode. */
    public static void fromPlatformThreads(Properties system) {
        if (system.getProperty(POLLER_MODE) == null) {
            system.setProperty(POLLER_MODE, PLATFORM_THREAD_POLLERS);
        }
    }
}
