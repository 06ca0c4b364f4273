package dev.gatehouse.server.app;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.server.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole Gatehouse in this process, on a free loopback port over a fresh data directory: for demos,
 * benchmarks and other modules' tests that need a real server to talk to.
 */
public final class EmbeddedGatehouse implements AutoCloseable {
    private final URI issuer;
    private final Gatehouse gatehouse;
    private final GatehouseServer server;

    private EmbeddedGatehouse(URI issuer, Gatehouse gatehouse, GatehouseServer server) {
        this.issuer = issuer;
        this.gatehouse = gatehouse;
        this.server = server;
    }

    /** Starts on {@code http://127.0.0.1:<free port>}, which is also its issuer; {@code settings} add to that. */
    public static EmbeddedGatehouse startOnLoopback(Map<String, String> settings) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            URI issuer = URI.create("http://127.0.0.1:" + port);
            Path data = Files.createTempDirectory("gatehouse-embedded");
            Map<String, String> environment = new HashMap<>(Map.of(
                    "GATEHOUSE_PORT", String.valueOf(port),
                    "GATEHOUSE_ISSUER", issuer.toString(),
                    "GATEHOUSE_DATA_DIR", data.toString()));
            environment.putAll(settings);
            Gatehouse gatehouse =
                    Gatehouse.open(ConfigLoader.load(environment), Clock.systemUTC(), RandomSource.secure());
            return new EmbeddedGatehouse(issuer, gatehouse, GatehouseServer.start(gatehouse));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI issuer() {
        return issuer;
    }

    public Gatehouse gatehouse() {
        return gatehouse;
    }

    /** Registers a first-party app that may log users in and refresh, for {@code audience}. */
    public void addFirstPartyApp(String clientId, String audience) {
        gatehouse
                .clients()
                .create(
                        new ClientId(clientId),
                        ClientType.FIRST_PARTY,
                        Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE),
                        List.of(audience));
    }

    /**
     * Registers a resource server (an API that reads the revocation feed and may introspect the tokens
     * of {@code audiences}); returns its secret.
     */
    public String addResourceServer(String clientId, String... audiences) {
        return gatehouse
                .clients()
                .create(
                        new ClientId(clientId),
                        ClientType.RESOURCE_SERVER,
                        NewClientSettings.of(Set.of(), List.of(audiences)))
                .orElseThrow(() -> new IllegalStateException("client " + clientId + " exists"))
                .secret()
                .orElseThrow();
    }

    public String dataDirectory() {
        return gatehouse.config().dataDirectory().toString();
    }

    @Override
    public void close() {
        server.close();
        gatehouse.close();
    }
}
