package dev.gatehouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.server.app.GatehouseProcess;
import dev.gatehouse.server.config.ManagementListenerConfig;
import dev.gatehouse.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code gatehouse serve}: says where its metrics are, and serves them there only. */
class ManagementListenerIT {
    private static final Pattern PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDirectory;

    @Test
    void thePackagedServerPrintsItsLoopbackMetricsAddressAndServesMetricsOnlyThere() throws Exception {
        Map<String, String> environment = Map.of(
                "GATEHOUSE_DATA_DIR", dataDirectory.toString(),
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_MANAGEMENT_PORT", "0");
        try (GatehouseProcess server = GatehouseProcess.start(environment, "", "serve")) {
            int management = port(server.awaitLine("Metrics on http://", Duration.ofSeconds(60)));
            int api = port(server.awaitLine("Gatehouse listening on", Duration.ofSeconds(60)));
            assertThat(get(api, "/health/live").statusCode()).isEqualTo(200);

            // The request is counted as its exchange ends, which may be a moment after the client
            // has read the answer: a scrape sent at once could come first.
            Await.until(
                    "the /health/live request counted",
                    Duration.ofSeconds(5),
                    () -> healthChecksCounted(management) == 1);
            HttpResponse<String> metrics = get(management, "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            PrometheusScrape scrape = PrometheusScrape.parse(metrics.body());
            assertThat(healthChecks(scrape)).isEqualTo(1);
            assertThat(scrape.has("hikaricp_connections_max", "pool", "gatehouse-sqlite"))
                    .isTrue();
            assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
            assertThat(get(api, "/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPortItCannotListenOnStopsTheStartNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                GatehouseMeters meters = new GatehouseMeters()) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> ManagementListener.start(
                            new ManagementListenerConfig("127.0.0.1", OptionalInt.of(port)), meters))
                    .isInstanceOf(GatehouseException.class)
                    .hasMessageContaining("GATEHOUSE_MANAGEMENT_PORT=" + port)
                    .hasMessageContaining("cannot listen on 127.0.0.1");
        }
    }

    /**
     * Sixteen connections that never send a request once kept every scrape out until Helidon's idle
     * check came round, minutes later: now a scrape takes the place of the one that waited longest, once
     * it has waited past the newcomers' grace.
     */
    @Test
    void silentConnectionsDoNotKeepAScrapeOut() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try (GatehouseMeters meters = new GatehouseMeters();
                ManagementListener listener = ManagementListener.start(
                        new ManagementListenerConfig("127.0.0.1", OptionalInt.of(0)), meters)) {
            for (int i = 0; i < 24; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), listener.port()));
            }
            // A connection is chosen to make room once it has waited ConnectionGuard.NEWCOMER_GRACE.
            AtomicReference<HttpResponse<String>> scrape = new AtomicReference<>();
            Await.until("a scrape is let in", Duration.ofSeconds(10), () -> {
                scrape.set(scrape(listener.port()));
                return scrape.get().statusCode() != 503;
            });

            assertThat(scrape.get().statusCode()).isEqualTo(200);
            assertThat(scrape.get().body()).contains("jvm_memory_used_bytes");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    private static HttpResponse<String> scrape(int port) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A request head the client cuts short is no server error: the connection just ends. */
    @Test
    void aRequestHeadCutShortEndsTheConnectionWithoutAnAnswer() throws Exception {
        try (GatehouseMeters meters = new GatehouseMeters();
                ManagementListener listener =
                        ManagementListener.start(new ManagementListenerConfig("127.0.0.1", OptionalInt.of(0)), meters);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();

            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
    }

    private static int port(String line) {
        Matcher port = PORT.matcher(line);
        assertThat(port.find()).as(line).isTrue();
        return Integer.parseInt(port.group(1));
    }

    /** The 2xx {@code GET /health/live} requests the management listener has counted; -1 on no answer. */
    private static double healthChecksCounted(int management) {
        try {
            HttpResponse<String> metrics = get(management, "/metrics");
            if (metrics.statusCode() != 200) {
                return -1;
            }
            return healthChecks(PrometheusScrape.parse(metrics.body()));
        } catch (Exception e) {
            return -1;
        }
    }

    /** The 2xx {@code GET /health/live} requests in {@code scrape}. */
    private static double healthChecks(PrometheusScrape scrape) {
        return scrape.value(
                "gatehouse_http_server_requests_seconds_count",
                "route",
                "/health/live",
                "method",
                "GET",
                "status",
                "2xx");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
