package dev.gatehouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.server.app.RateLimitWindow;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with its management listener on: what a Prometheus scrape sees after real traffic,
 * and that the public port serves no metrics.
 */
class MetricsIT {
    private static final String REQUESTS = "gatehouse_http_server_requests_seconds_count";
    private static final String[] TOKEN_LOGINS_REFUSED = {"route", "/v1/tokens", "method", "POST", "status", "4xx"};

    private static final String PASSWORD = "purple elephants dance quietly";
    private static final String APP = "mobile";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;
    static String verifierSecret;

    @BeforeAll
    static void startServer() {
        server = RunningGatehouse.start(
                dataDirectory,
                Map.of(
                        "GATEHOUSE_MANAGEMENT_PORT", "0",
                        "GATEHOUSE_RATE_LIMITS", "on",
                        // Two logins a minute per identifier: the third attempt is the throttled request.
                        "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "2/1m"));
        server.gatehouse()
                .clients()
                .create(
                        new ClientId(APP),
                        ClientType.FIRST_PARTY,
                        Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                        List.of());
        verifierSecret = server.registerResourceServer("orders", "orders-api");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aScrapeCountsLoginsRefreshesFailuresAndThrottlingWithTheirLabels() throws Exception {
        PrometheusScrape before = scrape();
        String email = newAccount();

        JsonNode tokens = tokenLogin(email, PASSWORD, 200);
        ApiClient.Response refreshed = client().form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "client_id",
                                APP,
                                "refresh_token",
                                tokens.get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(client().login(email, "not the password at all").status()).isEqualTo(401);
        String stranger = "nobody-" + UUID.randomUUID() + "@example.com";
        RateLimitWindow.awaitRoomInTheCurrentMinute();
        tokenLogin(stranger, PASSWORD, 401);
        tokenLogin(stranger, PASSWORD, 401);
        tokenLogin(stranger, PASSWORD, 429);

        // A request is timed once its answer has gone out, so the client can scrape before the last one
        // is counted (seen once on a loaded machine): wait for it, then count everything.
        PrometheusScrape after = scrapeOnceCounted(before, 3, REQUESTS, TOKEN_LOGINS_REFUSED);

        assertThat(moved(
                        before,
                        after,
                        "gatehouse_logins_total",
                        "method",
                        "token",
                        "outcome",
                        "succeeded",
                        "reason",
                        "none"))
                .isEqualTo(1);
        assertThat(moved(
                        before,
                        after,
                        "gatehouse_logins_total",
                        "method",
                        "cookie",
                        "outcome",
                        "failed",
                        "reason",
                        "wrong_password"))
                .isEqualTo(1);
        assertThat(moved(
                        before,
                        after,
                        "gatehouse_logins_total",
                        "method",
                        "token",
                        "outcome",
                        "failed",
                        "reason",
                        "unknown_account"))
                .isEqualTo(2);
        assertThat(moved(before, after, "gatehouse_sessions_started_total", "kind", "app"))
                .isEqualTo(1);
        assertThat(moved(before, after, "gatehouse_refresh_rotations_total")).isEqualTo(1);
        // The login, the rotation and their audit events went through the embedded store's group commit.
        assertThat(moved(before, after, "gatehouse_store_commit_batch_size_count"))
                .isGreaterThanOrEqualTo(2);
        assertThat(moved(before, after, "gatehouse_store_commit_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(after.has("gatehouse_store_commit_waiting")).isTrue();
        assertThat(after.has("gatehouse_refresh_reuse_detected_total")).isTrue();
        assertThat(moved(before, after, "gatehouse_rate_limited_total", "action", "login", "cause", "account"))
                .isEqualTo(1);
        assertThat(moved(before, after, "gatehouse_audit_events_total", "type", "refresh_rotated"))
                .isEqualTo(1);

        assertThat(moved(
                        before,
                        after,
                        "gatehouse_http_server_requests_seconds_count",
                        "route",
                        "/oauth2/token",
                        "method",
                        "POST",
                        "status",
                        "2xx"))
                .isEqualTo(1);
        assertThat(moved(before, after, REQUESTS, TOKEN_LOGINS_REFUSED)).isEqualTo(3);
        assertThat(after.find("gatehouse_http_server_requests_seconds_bucket", "route", "/v1/tokens", "status", "2xx"))
                .extracting(sample -> sample.labels().get("le"))
                .contains("1.0E-4", "0.001", "0.01", "0.1", "1.0", "10.0", "+Inf");

        // Three hashes at least (the token login, the wrong password, the sign-up); throttled logins hash nothing.
        assertThat(moved(before, after, "gatehouse_password_hashing_wait_seconds_count"))
                .isGreaterThanOrEqualTo(3);
        assertThat(after.has("gatehouse_password_hashing_queue")).isTrue();
        assertThat(after.has("gatehouse_password_hashing_running")).isTrue();
        assertThat(after.has("gatehouse_password_hashing_refused_total")).isTrue();
        // The hashes' memory is kept for the next ones (10 s): outside the heap on Java 22+, and counted.
        double hashMemory = after.value("gatehouse_password_hashing_memory_bytes");
        if (Argon2idPasswordHasher.memoryOutsideTheHeap()) {
            assertThat(hashMemory).isPositive();
            assertThat(hashMemory % 1024).isZero();
        } else {
            assertThat(hashMemory).isZero();
        }
        assertThat(after.has("gatehouse_revocation_stream_subscribers")).isTrue();
        assertThat(after.has("gatehouse_revocation_feed_lag_seconds_count")).isTrue();
        assertThat(after.value("hikaricp_connections_max", "pool", "gatehouse-sqlite"))
                .isPositive();
        assertThat(after.has("hikaricp_connections_acquire_seconds_count", "pool", "gatehouse-sqlite"))
                .isTrue();
        for (String jvm : List.of(
                "jvm_memory_used_bytes",
                "jvm_threads_live_threads",
                "jvm_gc_max_data_size_bytes",
                "process_cpu_usage",
                "process_uptime_seconds",
                "process_files_open_files")) {
            assertThat(after.has(jvm)).as(jvm).isTrue();
        }
    }

    @Test
    void anOpenStreamIsASubscriberAndEveryRevocationItPushesIsTimed() throws Exception {
        PrometheusScrape before = scrape();
        HttpResponse<Stream<String>> stream = HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/v1/revocations/stream"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString(("orders:" + verifierSecret)
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> body = stream.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
        try {
            Await.until(
                    "the open stream is one subscriber",
                    Duration.ofSeconds(5),
                    () -> scrapeQuietly().value("gatehouse_revocation_stream_subscribers") == 1);

            ApiClient browser = client();
            assertThat(browser.login(newAccount(), PASSWORD).status()).isEqualTo(200);
            assertThat(browser.delete("/v1/sessions/current").status()).isEqualTo(204);

            Await.until(
                    "the logout's revocation pushed and timed",
                    Duration.ofSeconds(5),
                    () -> moved(before, scrapeQuietly(), "gatehouse_revocation_feed_lag_seconds_count") >= 1);
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("data:"));
            PrometheusScrape after = scrape();
            assertThat(moved(before, after, "gatehouse_sessions_started_total", "kind", "browser"))
                    .isEqualTo(1);
            assertThat(moved(before, after, "gatehouse_sessions_ended_total", "reason", "logout"))
                    .isEqualTo(1);
            assertThat(after.has("gatehouse_revocation_feed_lag_seconds_bucket", "le", "0.001"))
                    .isTrue();
        } finally {
            // The slot is given back when the server's next write fails (a heartbeat, 10 s or more later):
            // StreamSlotsTest covers the release, and this test does not wait for it.
            reader.interrupt();
            stream.body().close();
        }
    }

    @Test
    void noRawPathOrIdBecomesALabel() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(client().get("/admin/v1/users/" + id).status()).isEqualTo(401);
        assertThat(client().get("/no/such/" + id).status()).isEqualTo(404);
        assertThat(client().send("TRACE-" + id.substring(0, 8).toUpperCase(Locale.ROOT), "/v1/me", null)
                        .status())
                .isBetween(400, 499);

        PrometheusScrape scrape = scrape();

        assertThat(scrape.text())
                .doesNotContain(id)
                .doesNotContain(id.substring(0, 8).toUpperCase(Locale.ROOT));
        assertThat(scrape.has(
                        "gatehouse_http_server_requests_seconds_count",
                        "route",
                        "/admin/v1/users/{id}",
                        "status",
                        "4xx"))
                .isTrue();
        assertThat(scrape.has(
                        "gatehouse_http_server_requests_seconds_count",
                        "route",
                        "unmatched",
                        "method",
                        "GET",
                        "status",
                        "4xx"))
                .isTrue();
    }

    @Test
    void thePublicPortServesNoMetrics() {
        ApiClient.Response response = client().get("/metrics");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("gatehouse_", "jvm_");
    }

    @Test
    void theManagementListenerServesOnlyMetrics() throws Exception {
        HttpResponse<String> metrics = management("/metrics");
        HttpResponse<String> other = management("/health/ready");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void theManagementListenerBindsLoopbackByDefault() throws IOException {
        int port = server.server().managementPort().orElseThrow();

        // The kernel's own table of listening sockets: no traffic to any other address is needed.
        assertThat(listeningAddresses(port)).containsExactly("127.0.0.1");
    }

    /** The local addresses of the TCP sockets listening on {@code port}, from /proc/net/tcp and tcp6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        java.util.ArrayList<String> addresses = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (!Files.exists(Path.of(table))) {
                continue;
            }
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                // fields[1] is local address:port in hex, fields[3] the state (0A: LISTEN)
                if (fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    addresses.add(address(fields[1].substring(0, fields[1].indexOf(':'))));
                }
            }
        }
        return addresses;
    }

    /**
     * An address of /proc/net/tcp (IPv4, one little-endian word) or tcp6 (four little-endian words); an
     * IPv4-mapped IPv6 address, as a dual-stack Java socket bound to 127.0.0.1 shows, as its IPv4 form.
     */
    private static String address(String hex) {
        if (hex.length() == 32 && hex.startsWith("0000000000000000FFFF0000")) {
            return address(hex.substring(24));
        }
        if (hex.length() == 8) {
            long value = Long.parseLong(hex, 16);
            return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "."
                    + ((value >> 24) & 0xFF);
        }
        return hex.equals("00000000000000000000000001000000") ? "::1" : "[" + hex + "]";
    }

    private static double moved(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** A scrape in which {@code name} has moved by {@code count} since {@code before} (waited for, up to 10 s). */
    private static PrometheusScrape scrapeOnceCounted(
            PrometheusScrape before, double count, String name, String... labels) {
        PrometheusScrape[] after = {scrapeQuietly()};
        Await.until(name + " counted " + count + " times", Duration.ofSeconds(10), () -> {
            if (moved(before, after[0], name, labels) >= count) {
                return true;
            }
            after[0] = scrapeQuietly();
            return false;
        });
        return after[0];
    }

    private static PrometheusScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = management("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }

    private static PrometheusScrape scrapeQuietly() {
        try {
            return scrape();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> management(String path) throws IOException, InterruptedException {
        int port = server.server().managementPort().orElseThrow();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    private static String newAccount() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    private static JsonNode tokenLogin(String email, String password, int status) {
        ApiClient.Response response =
                client().post("/v1/tokens", Map.of("email", email, "password", password, "client_id", APP));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }
}
