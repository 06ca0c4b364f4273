package dev.gatehouse.server;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.cli.GatehouseCommand;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.connection.SocketPolling;
import dev.gatehouse.server.logging.Announcer;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;

/** The {@code gatehouse} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        SocketPolling.fromPlatformThreads(System.getProperties()); // before any socket is read
        configureLogging();
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code: 0 done, 1 refused, 2 bad usage or configuration. */
    public static int run(String... args) {
        CommandLine commandLine = GatehouseCommand.commandLine(args);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            // In the format the operator chose, so that a collector of JSON lines sees why, not a parse error.
            Announcer err = new Announcer(ConfigLoader.logFormatOf(System.getenv()), line.getErr());
            if (e instanceof ConfigException config) {
                err.fail("Gatehouse cannot start: " + config.getMessage());
                return 2;
            }
            if (e instanceof GatehouseException refused) {
                // Ours, and written for an operator: a wrong master key, an unreachable database.
                err.fail("Gatehouse cannot start: " + refused.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    private static void configureLogging() {
        try (InputStream in = Main.class.getResourceAsStream("/gatehouse-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("logging configuration unreadable; using the JDK defaults");
        }
    }
}
