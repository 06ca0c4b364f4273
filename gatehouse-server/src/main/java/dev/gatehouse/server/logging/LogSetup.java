package dev.gatehouse.server.logging;

import dev.gatehouse.server.config.LogFormat;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Applies {@code GATEHOUSE_LOG_FORMAT} to the JDK logging that everything logs through (our
 * {@code System.Logger}s, Helidon, and HikariCP and Flyway over SLF4J): the handlers configured by
 * {@code gatehouse-logging.properties} keep their destination and level, and get the format.
 */
public final class LogSetup {
    private LogSetup() {}

    public static void apply(LogFormat format) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(formatter(format));
        }
    }

    static Formatter formatter(LogFormat format) {
        return switch (format) {
            case TEXT -> new TextLogFormatter();
            case JSON -> new JsonLogFormatter();
        };
    }
}
