package dev.gatehouse.bench;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.server.app.EmbeddedGatehouse;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.RedisServer;
import dev.gatehouse.testservices.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The many-nodes load suite: cookie validation and refresh throughput on one node and on three
 * nodes sharing one PostgreSQL database and one Redis, then the revocation propagation delay between
 * nodes, with and without Redis.
 *
 * <p>Nodes run in this JVM (each its own Gatehouse, HTTP server, session cache and follower), and the
 * load generator runs beside them: on a 2-core machine everything shares the same two cores, so three
 * nodes cannot be faster than one here; the run shows what the sharing costs.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp gatehouse-bench/target/benchmarks.jar
 * dev.gatehouse.bench.ClusterLoadRun [seconds per run] [concurrency] [revocation rounds]}. PostgreSQL
 * and Redis come from {@code GATEHOUSE_TEST_PG_URL}/{@code GATEHOUSE_TEST_REDIS_URL}, the standard
 * local ports, or are started.
 */
public final class ClusterLoadRun {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final Pattern FIELD = Pattern.compile("\"(refresh_token|csrf_token)\":\"([^\"]+)\"");
    private static final int RUNS = 3;

    private ClusterLoadRun() {}

    public static void main(String[] args) throws Exception {
        Duration runLength = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String redis = RedisServer.shared().url();
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        for (int size : new int[] {1, 3}) {
            try (TestDatabase database = PostgresServer.shared().createDatabase();
                    Cluster cluster = Cluster.start(size, database.url(), Optional.of(redis))) {
                List<Login> logins = cluster.logIn(http, concurrency);
                double[] cookies = new double[RUNS];
                double[] refreshes = new double[RUNS];
                for (int run = 0; run < RUNS; run++) {
                    cookies[run] = measure(runLength, concurrency, worker -> {
                        Login login = logins.get(worker);
                        return send(
                                        http,
                                        HttpRequest.newBuilder(
                                                        cluster.node(worker).resolve("/v1/sessions/current"))
                                                .header("Cookie", login.cookie())
                                                .build())
                                == 200;
                    });
                    refreshes[run] = measure(runLength, concurrency, worker -> {
                        Login login = logins.get(worker);
                        HttpResponse<String> response = post(
                                http,
                                cluster.node(worker).resolve("/oauth2/token"),
                                "grant_type=refresh_token&client_id=mobile&refresh_token=" + login.refreshToken,
                                "application/x-www-form-urlencoded",
                                cluster.issuer());
                        if (response.statusCode() != 200) {
                            return false;
                        }
                        login.refreshToken = field(response.body(), "refresh_token");
                        return true;
                    });
                }
                System.out.printf(
                        "%d node(s): cookie validation %s req/s, refresh %s req/s (median of %d runs of %d s, %d clients)%n",
                        size, median(cookies), median(refreshes), RUNS, runLength.toSeconds(), concurrency);
            }
        }
        for (boolean withRedis : new boolean[] {true, false}) {
            try (TestDatabase database = PostgresServer.shared().createDatabase();
                    Cluster cluster =
                            Cluster.start(3, database.url(), withRedis ? Optional.of(redis) : Optional.empty())) {
                long[] delays = cluster.propagationDelays(http, rounds);
                Arrays.sort(delays);
                System.out.printf(
                        "revocation on node 3 -> rejected on node 2 (%s): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d%n",
                        withRedis ? "Redis" : "no Redis, polling",
                        delays[delays.length / 2] / 1e6,
                        delays[(int) Math.ceil(delays.length * 0.99) - 1] / 1e6,
                        delays[delays.length - 1] / 1e6,
                        delays.length);
            }
        }
        System.exit(0);
    }

    /** One worker's logged-in state: a cookie session and a token login to refresh. */
    static final class Login {
        private final String cookie;
        private final String csrf;
        private String refreshToken;

        Login(String cookie, String csrf, String refreshToken) {
            this.cookie = cookie;
            this.csrf = csrf;
            this.refreshToken = refreshToken;
        }

        String cookie() {
            return cookie;
        }
    }

    /** Requests per second of {@code concurrency} workers each calling {@code request} in a loop. */
    private static double measure(Duration length, int concurrency, IntFunction<Boolean> request)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (request.apply(worker)) {
                        done.increment();
                    } else {
                        failed.increment();
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " requests failed");
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static String median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%,.0f", sorted[sorted.length / 2]);
    }

    /** Nodes in this process sharing PostgreSQL (and Redis), one master key and one issuer. */
    private record Cluster(List<EmbeddedGatehouse> nodes) implements AutoCloseable {
        static Cluster start(int size, String databaseUrl, Optional<String> redisUrl) {
            byte[] master = new byte[32];
            new SecureRandom().nextBytes(master);
            Map<String, String> settings = new HashMap<>();
            settings.put("GATEHOUSE_DATABASE_URL", databaseUrl);
            // A load generator is one address logging in dozens of times a second: what the limits stop.
            settings.put("GATEHOUSE_RATE_LIMITS", "off");
            Optional.ofNullable(System.getenv("GATEHOUSE_DATABASE_POOL_SIZE"))
                    .ifPresent(pool -> settings.put("GATEHOUSE_DATABASE_POOL_SIZE", pool));
            redisUrl.ifPresent(url -> settings.put("GATEHOUSE_REDIS_URL", url));
            settings.put("GATEHOUSE_MASTER_KEY", Base64.getEncoder().encodeToString(master));
            List<EmbeddedGatehouse> nodes = new ArrayList<>();
            nodes.add(EmbeddedGatehouse.startOnLoopback(settings));
            settings.put("GATEHOUSE_ISSUER", nodes.getFirst().issuer().toString());
            for (int i = 1; i < size; i++) {
                nodes.add(EmbeddedGatehouse.startOnLoopback(settings));
            }
            nodes.getFirst().addFirstPartyApp("mobile", "orders-api");
            return new Cluster(List.copyOf(nodes));
        }

        String issuer() {
            return nodes.getFirst().issuer().toString();
        }

        /** The node worker {@code worker} talks to: round robin, as a load balancer would. */
        URI node(int worker) {
            return URI.create("http://127.0.0.1:"
                    + nodes.get(worker % nodes.size()).issuer().getPort() + "/");
        }

        List<Login> logIn(HttpClient http, int count) {
            nodes.getFirst().gatehouse().accounts().signUp("load@example.com", new Password(PASSWORD), Role.USER);
            List<Login> logins = new ArrayList<>();
            String credentials = "{\"email\":\"load@example.com\",\"password\":\"" + PASSWORD + "\"";
            for (int i = 0; i < count; i++) {
                HttpResponse<String> browser =
                        post(http, node(i).resolve("/v1/sessions"), credentials + "}", "application/json", issuer());
                HttpResponse<String> app = post(
                        http,
                        node(i).resolve("/v1/tokens"),
                        credentials + ",\"client_id\":\"mobile\"}",
                        "application/json",
                        issuer());
                logins.add(new Login(
                        browser.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0],
                        field(browser.body(), "csrf_token"),
                        field(app.body(), "refresh_token")));
            }
            return logins;
        }

        /** Log in on node 1, use on node 2 (now cached there), log out on node 3, time until node 2 refuses. */
        long[] propagationDelays(HttpClient http, int rounds) {
            long[] delays = new long[rounds];
            List<Login> warm = logIn(http, 1);
            if (warm.isEmpty()) {
                throw new IllegalStateException("no login");
            }
            for (int i = 0; i < rounds; i++) {
                Login login = logIn(http, 1).getFirst();
                HttpRequest check = HttpRequest.newBuilder(node(1).resolve("/v1/sessions/current"))
                        .header("Cookie", login.cookie())
                        .build();
                if (send(http, check) != 200) {
                    throw new IllegalStateException("session not usable on node 2");
                }
                HttpRequest logout = HttpRequest.newBuilder(node(2).resolve("/v1/sessions/current"))
                        .DELETE()
                        .header("Cookie", login.cookie())
                        .header("X-CSRF-Token", login.csrf)
                        .header("Origin", issuer())
                        .build();
                if (send(http, logout) != 204) {
                    throw new IllegalStateException("logout failed");
                }
                long revoked = System.nanoTime();
                while (send(http, check) == 200) {
                    Thread.onSpinWait();
                }
                delays[i] = System.nanoTime() - revoked;
            }
            return delays;
        }

        @Override
        public void close() {
            nodes.forEach(EmbeddedGatehouse::close);
        }
    }

    private static int send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String body, String type, String origin) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", type)
                            .header("Origin", origin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String body, String name) {
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + body);
    }
}
