package dev.gatehouse.server.pages;

import dev.gatehouse.server.app.GatehouseProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged {@code gatehouse.jar} serving on a free loopback port over a fresh SQLite directory,
 * for the browser tests. Its issuer is its own {@code http://127.0.0.1:PORT}, so the browser's
 * {@code Origin} is the trusted one; Chromium keeps {@code __Host-} cookies over plain HTTP on loopback.
 */
public final class PackagedServer implements AutoCloseable {
    private final GatehouseProcess process;
    private final int port;
    private final Map<String, String> environment;

    private PackagedServer(GatehouseProcess process, int port, Map<String, String> environment) {
        this.process = process;
        this.port = port;
        this.environment = Map.copyOf(environment);
    }

    /** Starts the server with open registration and rate limits off, plus {@code settings}. */
    public static PackagedServer start(Map<String, String> settings) throws IOException, InterruptedException {
        int port = GatehouseProcess.freePort();
        Map<String, String> environment = new HashMap<>();
        environment.put("GATEHOUSE_PORT", String.valueOf(port));
        environment.put("GATEHOUSE_ISSUER", "http://127.0.0.1:" + port);
        environment.put(
                "GATEHOUSE_DATA_DIR",
                Files.createTempDirectory("gatehouse-pages").toString());
        environment.put("GATEHOUSE_REGISTRATION", "open");
        // Sign-up is tested elsewhere with its mailed link; here accounts sign in as soon as they exist.
        environment.put("GATEHOUSE_REQUIRE_VERIFIED_EMAIL", "off");
        // Browser tests sign in far faster than a person; the abuse tests keep the limits on.
        environment.put("GATEHOUSE_RATE_LIMITS", "off");
        environment.putAll(settings);
        port = Integer.parseInt(environment.get("GATEHOUSE_PORT"));
        GatehouseProcess process = GatehouseProcess.start(environment, "", "serve");
        try {
            process.awaitLine("Gatehouse listening on", Duration.ofSeconds(90));
        } catch (AssertionError | InterruptedException e) {
            process.close();
            throw e;
        }
        return new PackagedServer(process, port, environment);
    }

    /** Runs {@code gatehouse ARGS} (the CLI) on this server's store, as an operator would beside it. */
    public GatehouseProcess.Result cli(String stdin, String... args) throws IOException, InterruptedException {
        return GatehouseProcess.run(environment, stdin, args);
    }

    /** The absolute URL of {@code path} on this server. */
    public String url(String path) {
        return origin() + path;
    }

    /** The issuer's origin, which the browser browses: {@code http://127.0.0.1:PORT} unless a test names another. */
    public String origin() {
        return environment.get("GATEHOUSE_ISSUER");
    }

    /** The loopback address the server listens on, for API calls whatever the issuer's host name. */
    public String loopback() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
