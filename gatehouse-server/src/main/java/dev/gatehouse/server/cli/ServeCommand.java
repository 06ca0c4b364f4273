package dev.gatehouse.server.cli;

import dev.gatehouse.server.app.Gatehouse;
import dev.gatehouse.server.app.GatehouseServer;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: runs the server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Gatehouse server.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        GatehouseConfig config = Environment.config();
        ConfigLoader.unknownVariables(Environment.variables())
                .forEach(name -> out.println("warning: " + name + " is not a Gatehouse setting; ignored"));
        out.println("Gatehouse starting with:");
        config.describe().forEach(line -> out.println("  " + line));
        out.flush();

        Gatehouse gatehouse = Environment.open(config);
        GatehouseServer server = GatehouseServer.start(gatehouse);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            gatehouse.close();
                            stopped.countDown();
                        },
                        "gatehouse-shutdown"));

        out.println("Store: " + gatehouse.storeDescription());
        gatehouse.readiness().checks().forEach((part, state) -> out.println("  " + part + ": " + state));
        gatehouse.reportTopology();
        if (!gatehouse.accounts().anyAdmin()) {
            out.println("There is no admin account yet. Create the first one with:");
            out.println("  ./gatehouse users create --email you@example.com --admin");
        }
        // Last, so whoever waits for this line has seen everything above it.
        out.println("Gatehouse listening on http://" + config.host() + ":" + server.port() + " (issuer "
                + config.issuer() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
