package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attack class: cross-origin reads. Only the configured origins get CORS, exactly, with Vary: Origin. */
class CorsIT {
    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;

    @BeforeAll
    static void start() {
        server = RunningGatehouse.start(dataDirectory, Map.of("GATEHOUSE_ALLOWED_ORIGINS", "https://app.example.com"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAllowedOriginGetsCredentialedCorsForItselfNeverAWildcard() {
        ApiClient.Response response = client().send("GET", "/health/live", null, "Origin", "https://app.example.com");

        assertThat(response.header("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(response.header("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.header("Vary"))
                .hasValueSatisfying(v -> assertThat(v).contains("Origin"));
    }

    @Test
    void lookAlikeAndUnlistedOriginsGetNoCorsHeaders() {
        for (String origin : new String[] {
            "https://app.example.com.evil.example",
            "https://evil-app.example.com",
            "http://app.example.com",
            "null",
            "*"
        }) {
            ApiClient.Response response = client().send("GET", "/health/live", null, "Origin", origin);

            assertThat(response.header("Access-Control-Allow-Origin"))
                    .as(origin)
                    .isEmpty();
            assertThat(response.header("Vary")).as(origin).isPresent();
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndFromAnotherRefused() {
        ApiClient.Response allowed = client().send(
                        "OPTIONS",
                        "/v1/sessions",
                        null,
                        "Origin",
                        "https://app.example.com",
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "content-type, x-csrf-token");
        ApiClient.Response refused = client().send(
                        "OPTIONS",
                        "/v1/sessions",
                        null,
                        "Origin",
                        "https://evil.example",
                        "Access-Control-Request-Method",
                        "POST");

        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Methods"))
                .hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertThat(allowed.header("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v).contains("X-CSRF-Token"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), "");
    }
}
