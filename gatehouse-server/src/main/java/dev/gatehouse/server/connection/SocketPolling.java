package dev.gatehouse.server.connection;

import java.util.Properties;

/**
 * How the JDK wakes a virtual thread whose socket has data: set before the first socket is read.
 *
 * <p>Since JDK 22 the JDK on Linux polls sockets from virtual threads of its own by default, which
 * queue for the same two carriers as every request. At saturation a connection whose data had arrived
 * was not even noticed until the poller's turn came round, and the tails grew with the queue
 * (introspection at 32 connections on 2 cores: p99 38–59 ms with those pollers, 7 ms with platform
 * ones, the same build back to back). {@code jdk.pollerMode=1} polls from platform threads, which
 * the operating system wakes as soon as data arrives. It is the JDK's own setting, not a supported
 * API: an operator's value wins, and a JDK that drops the setting ignores it.
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
