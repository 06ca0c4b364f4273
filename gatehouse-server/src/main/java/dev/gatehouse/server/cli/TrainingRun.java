package dev.gatehouse.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The requests of a start-up training run ({@code gatehouse serve --training-run}): the launcher runs
 * one on a throw-away data directory after each build, on a JDK that keeps an ahead-of-time cache
 * (JDK 25+). The JVM records the classes this run loads and links, and the profiles of the methods it
 * runs, and later starts map them instead of loading and verifying them again.
 *
 * <p>A few requests of each kind a server answers first (health, discovery, a refused login, a page),
 * so that what they load is in the cache too. None of them succeeds at anything: the data directory
 * is empty and thrown away.
 */
final class TrainingRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TrainingRun() {}

    /** Sends the training requests to the server on {@code port}; answers are read and dropped. */
    static void exercise(int port) throws InterruptedException {
        String base = "http://127.0.0.1:" + port;
        List<HttpRequest> requests = List.of(
                get(base + "/health/ready"),
                get(base + "/.well-known/openid-configuration"),
                get(base + "/.well-known/jwks.json"),
                get(base + "/v1/me"),
                get(base + "/login"),
                HttpRequest.newBuilder(URI.create(base + "/v1/tokens"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"training@example.invalid\",\"password\":\"not anyone's password\"}"))
                        .build());
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            for (int round = 0; round < 3; round++) {
                for (HttpRequest request : requests) {
                    try {
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        // A request that fails trains less, and the cache is only faster, never wrong.
                    }
                }
            }
        }
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET().build();
    }
}
