package dev.gatehouse.server.cli;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.server.app.Gatehouse;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.logging.LogSetup;
import java.time.Clock;
import java.util.Map;

/** What the commands read from the process: the environment, the clock and the random source. */
final class Environment {
    private Environment() {}

    static Map<String, String> variables() {
        return System.getenv();
    }

    /** The configuration, whose log format every command's logging then follows. */
    static GatehouseConfig config() {
        GatehouseConfig config = ConfigLoader.load(variables());
        LogSetup.apply(config.logFormat());
        return config;
    }

    static Gatehouse open(GatehouseConfig config) {
        return Gatehouse.open(config, Clock.systemUTC(), RandomSource.secure());
    }
}
