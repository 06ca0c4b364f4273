package dev.gatehouse.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server started through the launcher a user types ({@code ./gatehouse serve}), so the
 * numbers include the launcher's JVM options; its CPU time and memory read from {@code /proc}.
 */
final class ServerUnderTest implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path launcher;
    private final Map<String, String> environment;

    private ServerUnderTest(Process process, int port, Path launcher, Map<String, String> environment) {
        this.process = process;
        this.port = port;
        this.launcher = launcher;
        this.environment = environment;
    }

    static ServerUnderTest start(Path repository, Path dataDirectory, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, String> environment = new java.util.HashMap<>(extraEnvironment);
        environment.put("GATEHOUSE_PORT", Integer.toString(port));
        environment.put("GATEHOUSE_DATA_DIR", dataDirectory.toString());
        Path launcher = repository.resolve("gatehouse");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolveSibling("server.log").toFile());
        builder.environment().putAll(environment);
        ServerUnderTest server = new ServerUnderTest(builder.start(), port, launcher, environment);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    int port() {
        return port;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] ready = Request.get("/health/ready").bytes("127.0.0.1:" + port);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see server.log");
            }
            try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
                if (connection.exchange(ready).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server was not ready within " + timeout);
    }

    /** Runs a CLI command of the same installation against the same data; its standard output. */
    String cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IllegalStateException("gatehouse " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }

    /** The CPU time the server has used so far, in all and by what its threads do. */
    ServerCpu cpu() {
        return ServerCpu.of(process.pid());
    }

    long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
