package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the store is gone the server says so: not ready, and 503 problems rather than 500s or hangs. */
class StoreOutageIT {
    @TempDir
    Path dataDirectory;

    @Test
    void reportsNotReadyAndAnswers503WhenTheStoreIsGone() {
        try (RunningGatehouse server = RunningGatehouse.start(dataDirectory, Map.of())) {
            ApiClient client = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
            assertThat(client.get("/health/ready").status()).isEqualTo(200);

            server.closeStore();

            ApiClient.Response ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("checks").get("store").asText()).isEqualTo("DOWN");
            assertThat(client.get("/health/live").status()).isEqualTo(200);
            ApiClient.Response login = client.login("ada@example.com", "purple elephants dance quietly");
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:service-unavailable");
            assertThat(login.body()).doesNotContain("SQL", "Hikari", "Exception");
        }
    }
}
