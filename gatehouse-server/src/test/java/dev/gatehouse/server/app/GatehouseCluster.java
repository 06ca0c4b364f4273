package dev.gatehouse.server.app;

import dev.gatehouse.server.http.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several Gatehouse nodes, each the packaged jar in its own JVM on its own loopback port, sharing one
 * PostgreSQL database (and one Redis when given) and one master key: a deployment behind a load
 * balancer, minus the load balancer. Every node has the same issuer: node 0's address.
 */
public final class GatehouseCluster implements AutoCloseable {
    private final Map<String, String> sharedEnvironment;
    private final List<Integer> ports;
    private final List<GatehouseProcess> nodes = new ArrayList<>();
    private final Path workDirectory;

    private GatehouseCluster(Map<String, String> sharedEnvironment, List<Integer> ports, Path workDirectory) {
        this.sharedEnvironment = sharedEnvironment;
        this.ports = ports;
        this.workDirectory = workDirectory;
    }

    /** Starts {@code size} nodes on {@code databaseUrl} (and {@code redisUrl}); returns when all listen. */
    public static GatehouseCluster start(int size, String databaseUrl, Optional<String> redisUrl) throws Exception {
        // Traffic tests send far more logins than a person would; the shared-limit test turns them on.
        return start(size, databaseUrl, redisUrl, Map.of("GATEHOUSE_RATE_LIMITS", "off"));
    }

    /** As above, with {@code settings} added to every node's environment. */
    public static GatehouseCluster start(
            int size, String databaseUrl, Optional<String> redisUrl, Map<String, String> settings) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(GatehouseProcess.freePort());
        }
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        Map<String, String> environment = new HashMap<>();
        environment.put("GATEHOUSE_DATABASE_URL", databaseUrl);
        redisUrl.ifPresent(url -> environment.put("GATEHOUSE_REDIS_URL", url));
        environment.put("GATEHOUSE_MASTER_KEY", Base64.getEncoder().encodeToString(master));
        environment.put("GATEHOUSE_ISSUER", "http://127.0.0.1:" + ports.getFirst());
        environment.put("GATEHOUSE_REGISTRATION", "open");
        // Sign-up is tested elsewhere with its mailed link; here accounts sign in as soon as they exist.
        environment.put("GATEHOUSE_REQUIRE_VERIFIED_EMAIL", "off");
        environment.putAll(settings);
        GatehouseCluster cluster =
                new GatehouseCluster(Map.copyOf(environment), ports, Files.createTempDirectory("gatehouse-cluster"));
        try {
            // The first node migrates alone, so the others start on a ready schema (faster, quieter).
            cluster.nodes.add(cluster.launch(0));
            cluster.nodes.getFirst().awaitLine("Gatehouse listening on", Duration.ofSeconds(90));
            for (int i = 1; i < size; i++) {
                cluster.nodes.add(cluster.launch(i));
            }
            for (int i = 1; i < size; i++) {
                cluster.nodes.get(i).awaitLine("Gatehouse listening on", Duration.ofSeconds(90));
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public String issuer() {
        return sharedEnvironment.get("GATEHOUSE_ISSUER");
    }

    public int size() {
        return ports.size();
    }

    public URI baseUri(int node) {
        return URI.create("http://127.0.0.1:" + ports.get(node));
    }

    /** A client of {@code node} that sends the shared issuer's origin, as the site's pages would. */
    public ApiClient client(int node) {
        return new ApiClient(baseUri(node), issuer());
    }

    /** Runs a CLI command against the shared database with the nodes' environment. */
    public GatehouseProcess.Result cli(String... args) throws IOException, InterruptedException {
        return cli(Map.of(), args);
    }

    /** As above with some variables changed, say another master key. */
    public GatehouseProcess.Result cli(Map<String, String> changed, String... args)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(environmentOf(-1));
        environment.putAll(changed);
        return GatehouseProcess.run(environment, "", args);
    }

    /** SIGKILL, as a crashed machine. */
    public void kill(int node) throws InterruptedException {
        nodes.get(node).kill();
    }

    /** Starts a killed node again on its port. */
    public void restart(int node) throws Exception {
        nodes.get(node).close();
        GatehouseProcess process = launch(node);
        nodes.set(node, process);
        process.awaitLine("Gatehouse listening on", Duration.ofSeconds(90));
    }

    public List<String> output(int node) {
        return nodes.get(node).output();
    }

    private GatehouseProcess launch(int node) throws IOException {
        return GatehouseProcess.start(environmentOf(node), "", "serve");
    }

    private Map<String, String> environmentOf(int node) throws IOException {
        Map<String, String> environment = new HashMap<>(sharedEnvironment);
        Path data = workDirectory.resolve(node < 0 ? "cli" : "node-" + node);
        Files.createDirectories(data);
        environment.put("GATEHOUSE_DATA_DIR", data.toString());
        if (node >= 0) {
            environment.put("GATEHOUSE_PORT", String.valueOf(ports.get(node)));
        }
        return environment;
    }

    @Override
    public void close() {
        nodes.forEach(GatehouseProcess::close);
    }
}
