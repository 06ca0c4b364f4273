package dev.gatehouse.bench;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.server.app.EmbeddedGatehouse;
import dev.gatehouse.server.app.Gatehouse;
import dev.gatehouse.verifier.GatehouseVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Revocation delay, end to end: a real Gatehouse on loopback and a verifier following its feed. Each
 * round logs an app in, has the verifier accept its token, revokes that session with
 * {@code DELETE /v1/sessions/{id}}, and times from the response to the verifier's first rejection.
 * Run: {@code java -cp gatehouse-bench/target/benchmarks.jar dev.gatehouse.bench.RevocationDelayRun [rounds]}.
 */
public final class RevocationDelayRun {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final Pattern SID = Pattern.compile("\"sid\":\"([0-9a-f]+)\"");
    private static final Pattern FIELD = Pattern.compile("\"(access_token|csrf_token)\":\"([^\"]+)\"");

    private RevocationDelayRun() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (EmbeddedGatehouse embedded = EmbeddedGatehouse.startOnLoopback(Map.of("GATEHOUSE_RATE_LIMITS", "off"))) {
            Gatehouse gatehouse = embedded.gatehouse();
            String issuer = embedded.issuer().toString();
            embedded.addFirstPartyApp("mobile", "orders-api");
            String secret = embedded.addResourceServer("orders", "orders-api");
            gatehouse.accounts().signUp("delay@example.com", new Password(PASSWORD), Role.USER);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> browserLogin = post(
                    http,
                    issuer + "/v1/sessions",
                    "{\"email\":\"delay@example.com\",\"password\":\"" + PASSWORD + "\"}",
                    "application/json");
            String cookie = browserLogin
                    .headers()
                    .firstValue("Set-Cookie")
                    .orElseThrow()
                    .split(";", 2)[0];
            String csrf = field(browserLogin.body(), "csrf_token");

            try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                    .issuer(URI.create(issuer))
                    .audience("orders-api")
                    .revocationFeedCredentials("orders", secret)
                    .allowInsecureHttpForLocalDevelopment()
                    .build()) {
                long[] delays = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    String token = field(
                            post(
                                            http,
                                            issuer + "/v1/tokens",
                                            "{\"email\":\"delay@example.com\",\"password\":\"" + PASSWORD
                                                    + "\",\"client_id\":\"mobile\"}",
                                            "application/json")
                                    .body(),
                            "access_token");
                    if (!verifier.verify(token).isVerified()) {
                        throw new IllegalStateException("fresh token refused: " + verifier.verify(token));
                    }
                    HttpRequest revoke = HttpRequest.newBuilder(URI.create(issuer + "/v1/sessions/" + sid(token)))
                            .DELETE()
                            .header("Cookie", cookie)
                            .header("X-CSRF-Token", csrf)
                            .header("Origin", issuer)
                            .build();
                    int status = http.send(revoke, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    long revokedAt = System.nanoTime();
                    if (status != 204) {
                        throw new IllegalStateException("revoke answered " + status);
                    }
                    while (verifier.verify(token).isVerified()) {
                        if (System.nanoTime() - revokedAt
                                > Duration.ofSeconds(10).toNanos()) {
                            throw new IllegalStateException("not rejected within 10 s");
                        }
                        LockSupport.parkNanos(20_000);
                    }
                    delays[i] = System.nanoTime() - revokedAt;
                }
                Arrays.sort(delays);
                System.out.printf(
                        "revocations: %d%np50: %.2f ms%np99: %.2f ms%nmax: %.2f ms%n",
                        rounds,
                        delays[rounds / 2] / 1e6,
                        delays[(int) Math.ceil(rounds * 0.99) - 1] / 1e6,
                        delays[rounds - 1] / 1e6);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String uri, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", type);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    private static String sid(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = SID.matcher(payload);
        if (!m.find()) {
            throw new IllegalStateException("no sid");
        }
        return m.group(1);
    }
}
