package dev.gatehouse.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.app.GatehouseProcess;
import dev.gatehouse.server.http.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with {@code GATEHOUSE_LOG_FORMAT=json}: everything it prints, from start to stop,
 * is one JSON object per line, and a request's lines (its audit event among them) carry the id its
 * response names.
 */
class JsonLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    @Test
    void everyLineIsJsonAndAFailedLoginsLinesCarryItsRequestId() throws Exception {
        int port = GatehouseProcess.freePort();
        Map<String, String> environment = Map.of(
                "GATEHOUSE_PORT",
                String.valueOf(port),
                "GATEHOUSE_DATA_DIR",
                dataDirectory.toString(),
                "GATEHOUSE_REGISTRATION",
                "open",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL",
                "off",
                "GATEHOUSE_LOG_FORMAT",
                "json",
                // The test speaks as the proxy whose request ids are kept.
                "GATEHOUSE_TRUSTED_PROXIES",
                "127.0.0.1");
        ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + port), "http://localhost:" + port);
        List<String> output;
        String generated;
        String replaced;
        try (GatehouseProcess server = GatehouseProcess.start(environment, "", "serve")) {
            server.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
            assertThat(client.signUp("ada@example.com", "purple elephants dance quietly")
                            .status())
                    .isEqualTo(202);

            ApiClient.Response failed = client.login("ada@example.com", "not the password at all");
            generated = failed.header("X-Request-Id").orElseThrow();
            server.awaitLine(generated, Duration.ofSeconds(10));
            ApiClient.Response proxied = client.send(
                    "POST",
                    "/v1/sessions",
                    ApiClient.json(Map.of("email", "ada@example.com", "password", "still not the password")),
                    "X-Request-Id",
                    "edge-7f3a.1");
            ApiClient.Response forged = client.send(
                    "POST",
                    "/v1/sessions",
                    ApiClient.json(Map.of("email", "ada@example.com", "password", "nor is this the password")),
                    "X-Request-Id",
                    "x\",\"level\":\"INFO");
            server.awaitLine("edge-7f3a.1", Duration.ofSeconds(10));
            replaced = forged.header("X-Request-Id").orElseThrow();
            server.awaitLine(replaced, Duration.ofSeconds(10));

            assertThat(failed.status()).isEqualTo(401);
            assertThat(generated).matches("[A-Za-z0-9_-]{16}");
            assertThat(proxied.status()).isEqualTo(401);
            assertThat(proxied.header("X-Request-Id")).hasValue("edge-7f3a.1");
            assertThat(replaced).matches("[A-Za-z0-9_-]{16}");

            server.terminate();
            server.awaitLine("Gatehouse stopping", Duration.ofSeconds(10));
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isPresent();
            output = server.output();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output) {
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            assertThat(parsed.fieldNames()).toIterable().contains("time", "level", "logger", "thread", "message");
            lines.add(parsed);
        }
        assertThat(lines)
                .extracting(l -> l.get("message").asText())
                .anyMatch(m -> m.startsWith("Gatehouse listening on"))
                .anyMatch(m -> m.startsWith("Gatehouse stopping"));

        List<JsonNode> failedLogin = withRequestId(lines, generated);
        assertThat(failedLogin).isNotEmpty();
        JsonNode audit = failedLogin.stream()
                .filter(l -> l.get("logger").asText().equals("gatehouse.audit"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no audit line with request id " + generated + " in " + output));
        assertThat(audit.get("level").asText()).isEqualTo("WARN");
        JsonNode event = JSON.readTree(audit.get("message").asText());
        assertThat(event.get("event").asText()).isEqualTo("login_failed");
        assertThat(event.get("request_id").asText()).isEqualTo(generated);
        assertThat(audit.toString()).doesNotContain("not the password at all");

        assertThat(withRequestId(lines, "edge-7f3a.1")).isNotEmpty();
        assertThat(withRequestId(lines, replaced)).isNotEmpty();
        assertThat(lines).noneMatch(l -> l.path("request_id").asText().startsWith("x\""));
        // The sign-up's lines carry an id of their own, not the login's.
        assertThat(lines)
                .filteredOn(l -> l.get("message").asText().contains("\"sign_up\""))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.get("request_id").asText()).isNotEqualTo(generated));
    }

    /** The reason a start fails is a log line too: a collector of JSON lines once got plain text. */
    @Test
    void aConfigurationThatDoesNotLoadIsReportedAsAJsonLine() throws Exception {
        GatehouseProcess.Result result = GatehouseProcess.run(
                Map.of(
                        "GATEHOUSE_DATA_DIR", dataDirectory.toString(),
                        "GATEHOUSE_LOG_FORMAT", "JSON",
                        "GATEHOUSE_PORT", "eighty"),
                "",
                "serve");

        assertThat(result.exitCode()).isEqualTo(2);
        List<String> output = result.output().lines().filter(l -> !l.isBlank()).toList();
        assertThat(output).singleElement().satisfies(line -> {
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.get("level").asText()).isEqualTo("ERROR");
            assertThat(parsed.get("message").asText())
                    .startsWith("Gatehouse cannot start")
                    .contains("GATEHOUSE_PORT=eighty");
        });
    }

    private static List<JsonNode> withRequestId(List<JsonNode> lines, String id) {
        return lines.stream()
                .filter(l -> l.has("request_id") && l.get("request_id").asText().equals(id))
                .toList();
    }
}
