package dev.gatehouse.server.logging;

import dev.gatehouse.server.config.LogFormat;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;

/**
 * What {@code gatehouse serve} tells its operator on standard output (the effective configuration,
 * "listening on", "stopping"): plain lines, or log lines of the JSON format, so that a collector reading
 * the output parses every line. Written straight to the stream, not through the JDK's logging, which
 * shuts down in a shutdown hook of its own while the "stopping" line is still to come.
 */
public final class Announcer {
    private static final String LOGGER = "gatehouse.server";

    private final LogFormat format;
    private final PrintWriter out;

    public Announcer(LogFormat format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    public void say(String line) {
        write(Level.INFO, line);
    }

    public void warn(String line) {
        write(Level.WARNING, (format == LogFormat.TEXT ? "warning: " : "") + line);
    }

    /** Why the command could not do its work, as its last words. */
    public void fail(String line) {
        write(Level.SEVERE, line);
    }

    private void write(Level level, String line) {
        if (format == LogFormat.JSON) {
            out.print(JsonLogFormatter.line(
                    Instant.now(),
                    level,
                    LOGGER,
                    Thread.currentThread().getName(),
                    RequestIds.current(),
                    line.strip(),
                    Optional.empty()));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
