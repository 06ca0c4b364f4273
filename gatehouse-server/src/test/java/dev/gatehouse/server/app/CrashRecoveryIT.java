package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged login survives SIGKILL of the server: nothing the client was told is lost. */
class CrashRecoveryIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    Path dataDirectory;

    @Test
    void aSessionAcknowledgedBeforeSigkillIsAliveAfterRestart() throws Exception {
        int port = GatehouseProcess.freePort();
        Map<String, String> environment = Map.of(
                "GATEHOUSE_PORT",
                String.valueOf(port),
                "GATEHOUSE_DATA_DIR",
                dataDirectory.toString(),
                "GATEHOUSE_REGISTRATION",
                "open",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL",
                "off");
        URI base = URI.create("http://127.0.0.1:" + port);
        ApiClient client = new ApiClient(base, "http://localhost:" + port);

        try (GatehouseProcess first = GatehouseProcess.start(environment, "", "serve")) {
            first.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
            assertThat(client.signUp("survivor@example.com", PASSWORD).status()).isEqualTo(202);
            assertThat(client.login("survivor@example.com", PASSWORD).status()).isEqualTo(200);
            first.kill();
        }

        try (GatehouseProcess second = GatehouseProcess.start(environment, "", "serve")) {
            second.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
            ApiClient.Response me = client.get("/v1/me");
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("email").asText()).isEqualTo("survivor@example.com");
        }
    }
}
