package dev.gatehouse.server.connection;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * The process's file descriptors as the platform reports them (on Unix): how many it may hold, and
 * how many it holds. Every connection is one; so are jars, database files and database connections.
 */
public final class OpenFiles {
    /** Fewer free descriptors than this and the node reports itself not ready. */
    static final long LOW = 16;

    private OpenFiles() {}

    /** The open-file limit ({@code ulimit -n}); empty where the platform does not say. */
    public static OptionalLong limit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount())
                : OptionalLong.empty();
    }

    /**
     * How many are open; empty where the platform does not say, or when it cannot count them, as
     * happens on Linux when not one descriptor is left to list {@code /proc/self/fd} with.
     */
    public static OptionalLong open() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)) {
            return OptionalLong.empty();
        }
        try {
            long count = unix.getOpenFileDescriptorCount();
            return count < 0 ? OptionalLong.empty() : OptionalLong.of(count);
        } catch (InternalError e) {
            // The JDK's "Unable to open directory /proc/self/fd": the count itself needs a descriptor.
            return OptionalLong.empty();
        }
    }

    /** "94 of 256 open", or whatever of that the platform says. */
    public static String describe() {
        OptionalLong limit = limit();
        OptionalLong open = open();
        if (limit.isEmpty()) {
            return "not counted on this platform";
        }
        return (open.isPresent() ? String.valueOf(open.getAsLong()) : "all") + " of " + limit.getAsLong() + " open";
    }

    /**
     * Down with fewer than {@value #LOW} descriptors free, or when none is left even to count them with;
     * an {@code accept} then fails, and Helidon's listener with it (see {@link ListenerWatchdog}).
     */
    public static ReadinessCheck check() {
        OptionalLong limit = limit();
        if (limit.isEmpty()) {
            return ReadinessCheck.up("not counted on this platform");
        }
        OptionalLong open = open();
        if (open.isEmpty()) {
            return ReadinessCheck.down("none left to count them with; limit " + limit.getAsLong());
        }
        String counted = open.getAsLong() + " of " + limit.getAsLong() + " open";
        return limit.getAsLong() - open.getAsLong() < LOW ? ReadinessCheck.down(counted) : ReadinessCheck.up(counted);
    }
}
