package dev.gatehouse.server.app;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real Gatehouse server on a free loopback port over a fresh SQLite directory, for black-box tests. */
public final class RunningGatehouse implements AutoCloseable {
    /** The issuer every test server has; same-origin requests name its origin. */
    public static final String ISSUER = "https://auth.example.test";

    private final Gatehouse gatehouse;
    private final GatehouseServer server;

    private RunningGatehouse(Gatehouse gatehouse, GatehouseServer server) {
        this.gatehouse = gatehouse;
        this.server = server;
    }

    public static RunningGatehouse start(Path dataDirectory, Map<String, String> settings) {
        return start(dataDirectory, settings, Clock.systemUTC());
    }

    public static RunningGatehouse start(Path dataDirectory, Map<String, String> settings, Clock clock) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GATEHOUSE_PORT", "0");
        environment.put("GATEHOUSE_ISSUER", ISSUER);
        environment.put("GATEHOUSE_DATA_DIR", dataDirectory.toString());
        environment.put("GATEHOUSE_REGISTRATION", "open");
        // Sign-up is tested elsewhere with its mailed link; here accounts sign in as soon as they exist.
        environment.put("GATEHOUSE_REQUIRE_VERIFIED_EMAIL", "off");
        // Functional tests log in far faster than any person; the abuse tests turn the limits back on.
        environment.put("GATEHOUSE_RATE_LIMITS", "off");
        environment.putAll(settings);
        GatehouseConfig config = ConfigLoader.load(environment);
        Gatehouse gatehouse = Gatehouse.open(config, clock, RandomSource.secure());
        return new RunningGatehouse(gatehouse, GatehouseServer.start(gatehouse));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public Gatehouse gatehouse() {
        return gatehouse;
    }

    public GatehouseServer server() {
        return server;
    }

    /**
     * Registers a resource server (a verifier) that may introspect, read the revocation feed and check
     * cookie sessions for {@code audience}; returns its client secret.
     */
    public String registerResourceServer(String clientId, String audience) {
        return gatehouse
                .clients()
                .create(
                        new ClientId(clientId),
                        ClientType.RESOURCE_SERVER,
                        new NewClientSettings(Set.of(), List.of(audience), Set.of(), true))
                .orElseThrow()
                .secret()
                .orElseThrow();
    }

    /** Registers a first-party app that may log in and refresh, whose tokens also name {@code audiences}. */
    public void registerFirstPartyApp(String clientId, String... audiences) {
        gatehouse
                .clients()
                .create(
                        new ClientId(clientId),
                        ClientType.FIRST_PARTY,
                        Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                        List.of(audiences));
    }

    /** Closes the store under the running server, as if the database had gone away. */
    public void closeStore() {
        gatehouse.close();
    }

    @Override
    public void close() {
        server.close();
        gatehouse.close();
    }
}
