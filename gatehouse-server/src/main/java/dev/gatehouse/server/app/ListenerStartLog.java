package dev.gatehouse.server.app;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Helidon reports a listener it cannot start (a port in use, an address not of this host) as two
 * SEVERE records, one with three nested stack traces, and returns a server that never listens. While
 * this is open, those records stay off the log and the innermost cause of the first (say "Address
 * already in use") is kept, so that Gatehouse can say the same in the one line it refuses to start with.
 * Records below SEVERE, and those of other loggers, pass as before.
 */
final class ListenerStartLog implements AutoCloseable {
    // Held here: java.util.logging keeps its loggers weakly, and a filter on a collected one is lost.
    private static final Logger HELIDON = Logger.getLogger("io.helidon.webserver.LoomServer");

    private final Filter previous;
    private volatile String cause = "";

    private ListenerStartLog() {
        this.previous = HELIDON.getFilter();
    }

    static ListenerStartLog capture() {
        ListenerStartLog log = new ListenerStartLog();
        HELIDON.setFilter(log::keep);
        return log;
    }

    /** The innermost cause Helidon reported, or an empty string when it reported none. */
    String cause() {
        return cause;
    }

    private boolean keep(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            if (record.getThrown() != null && cause.isEmpty()) {
                Throwable innermost = record.getThrown();
                while (innermost.getCause() != null && innermost.getCause() != innermost) {
                    innermost = innermost.getCause();
                }
                cause = String.valueOf(innermost.getMessage());
            }
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    @Override
    public void close() {
        HELIDON.setFilter(previous);
    }
}
