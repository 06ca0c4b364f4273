package dev.gatehouse.server.cli;

import dev.gatehouse.server.app.Gatehouse;
import dev.gatehouse.server.app.GatehouseServer;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.connection.ListenerWatchdog;
import dev.gatehouse.server.logging.Announcer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: runs the server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Gatehouse server.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** For the launcher only: start, send the start-up training requests, stop ({@link TrainingRun}). */
    @Option(names = "--training-run", hidden = true)
    boolean trainingRun;

    @Override
    public Integer call() throws InterruptedException {
        return serve(spec.commandLine().getOut(), trainingRun);
    }

    /**
     * Whether {@code args} is {@code serve} with nothing picocli would need to read: just the word, or
     * the launcher's training run. {@link dev.gatehouse.server.Main} runs those through {@link #serve}
     * without building picocli's model, because picocli's classes cannot enter the start-up cache (their
     * Java 5 bytecode is older than it takes) and building it took 0.2 s of every start on the 2-core VM
     * (docs/benchmarks.md, "Start-up"). Anything else ({@code serve --help}, a misspelt option) goes
     * through picocli as before.
     */
    public static boolean isPlain(String... args) {
        return args.length >= 1
                && args[0].equals("serve")
                && (args.length == 1 || (args.length == 2 && args[1].equals("--training-run")));
    }

    /** Serves until the process is stopped (or, for a training run, until the exercise is done). */
    public static int serve(java.io.PrintWriter console, boolean trainingRun) throws InterruptedException {
        GatehouseConfig config = Environment.config();
        Announcer out = new Announcer(config.logFormat(), console);
        ConfigLoader.unknownVariables(Environment.variables())
                .forEach(name -> out.warn(name + " is not a Gatehouse setting; ignored"));
        out.say("Gatehouse starting with:");
        config.describe().forEach(line -> out.say("  " + line));

        Gatehouse gatehouse = Environment.open(config);
        GatehouseServer server = GatehouseServer.start(gatehouse, () -> exitForASupervisor(out));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // Printed, not logged: the JDK's logging shuts down in a hook of its own.
                            out.say("Gatehouse stopping: requests under way get up to "
                                    + GatehouseServer.shutdownGrace().toSeconds() + " s to finish");
                            server.close();
                            gatehouse.close();
                            stopped.countDown();
                        },
                        "gatehouse-shutdown"));

        out.say("Store: " + gatehouse.storeDescription());
        out.say("Connections: " + server.connectionLimits());
        gatehouse.readiness().checks().forEach((part, state) -> out.say("  " + part + ": " + state));
        gatehouse.reportTopology();
        if (!gatehouse.accounts().anyAdmin()) {
            out.say("There is no admin account yet. Create the first one with:");
            out.say("  ./gatehouse users create --email you@example.com --admin");
        }
        server.managementPort().ifPresent(port -> {
            out.say("Metrics on http://" + config.management().host() + ":" + port
                    + "/metrics (management listener; not on the public port)");
            if (!isLoopback(config.management().host())) {
                out.warn("the metrics listener has no authentication and binds "
                        + config.management().host() + ", not loopback: keep it reachable by the scraper only");
            }
        });
        // Last, so whoever waits for this line has seen everything above it.
        out.say("Gatehouse listening on http://" + config.host() + ":" + server.port() + " (issuer " + config.issuer()
                + ")");
        if (trainingRun) {
            TrainingRun.exercise(server.port());
            // The exit runs the shutdown hook, which closes the server as a SIGTERM would.
            return 0;
        }
        stopped.await();
        return 0;
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * A process that cannot accept connections should not look alive to whoever supervises it: exit
     * (from a thread of its own, as the shutdown hook stops the watchdog that calls this).
     */
    private static void exitForASupervisor(Announcer out) {
        out.warn("Gatehouse has accepted no connection for " + ListenerWatchdog.GIVE_UP_AFTER.toSeconds()
                + " s and could not listen again; exiting so that its supervisor starts it afresh");
        Thread.ofPlatform().name("gatehouse-exit").start(() -> System.exit(1));
    }
}
