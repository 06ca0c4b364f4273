package dev.gatehouse.server;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.cli.GatehouseCommand;
import dev.gatehouse.server.cli.ServeCommand;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.connection.SocketPolling;
import dev.gatehouse.server.logging.Announcer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
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
        if (ServeCommand.isPlain(args)) {
            return serveWithoutTheParser(args.length == 2);
        }
        CommandLine commandLine = GatehouseCommand.commandLine(args);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof GatehouseException) {
                return refusal(e, line.getErr());
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** {@code serve} as picocli would run it, with the same exit codes and messages. */
    private static int serveWithoutTheParser(boolean trainingRun) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            return ServeCommand.serve(new PrintWriter(System.out, true), trainingRun);
        } catch (GatehouseException e) {
            return refusal(e, err);
        } catch (RuntimeException e) {
            // As picocli does with a failure that is not ours: the trace, for a bug report.
            e.printStackTrace(err);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Says why a command could not run, for an operator, and gives its exit code. */
    private static int refusal(Exception e, PrintWriter err) {
        // In the format the operator chose, so that a collector of JSON lines sees why, not a parse error.
        Announcer announcer = new Announcer(ConfigLoader.logFormatOf(System.getenv()), err);
        // A configuration error is a usage error (2); ours otherwise, written for an operator: a wrong
        // master key, an unreachable database (1).
        announcer.fail("Gatehouse cannot start: " + e.getMessage());
        return e instanceof ConfigException ? 2 : 1;
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
