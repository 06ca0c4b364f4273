package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.server.app.RateLimitWindow;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class of defect behind the 500s an outside attack found (issue 12): malformed ids, dates,
 * numbers and text sent to every endpoint that takes them must each be a 4xx problem, and must leave no
 * stack trace in the log. One table, so the next malformed input is one row.
 */
class MalformedInputSweepIT {
    static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;
    static ApiClient admin;
    static ApiClient user;
    static String feedAuthorization;
    static final List<LogRecord> traces = new ArrayList<>();
    static final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getThrown() != null || record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (traces) {
                    traces.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeAll
    static void start() {
        server = RunningGatehouse.start(dataDirectory, Map.of());
        server.gatehouse().accounts().signUp("root@example.com", new Password(PASSWORD), Role.ADMIN);
        String secret = server.gatehouse()
                .clients()
                .create(new ClientId("orders"), ClientType.RESOURCE_SERVER, Set.of(), List.of("orders-api"))
                .orElseThrow()
                .secret()
                .orElseThrow();
        feedAuthorization =
                "Basic " + Base64.getEncoder().encodeToString(("orders:" + secret).getBytes(StandardCharsets.UTF_8));
        admin = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
        assertThat(admin.login("root@example.com", PASSWORD).status()).isEqualTo(200);
        user = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
        assertThat(user.signUp("user@example.com", PASSWORD).status()).isEqualTo(202);
        assertThat(user.login("user@example.com", PASSWORD).status()).isEqualTo(200);
        Logger.getLogger("").addHandler(collector);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(collector);
        server.close();
    }

    record Case(String what, ApiClient as, String method, String path, String body, String... headers) {}

    static List<Case> cases() {
        String longAccount = "a".repeat(65);
        List<Case> cases = new ArrayList<>(List.of(
                new Case("blank session id", user, "DELETE", "/v1/sessions/%20", null),
                new Case("tab session id", user, "DELETE", "/v1/sessions/%09", null),
                new Case("overlong session id", user, "DELETE", "/v1/sessions/" + "s".repeat(300), null),
                new Case("blank user id", admin, "GET", "/admin/v1/users/%20", null),
                new Case("tab user id, sessions", admin, "GET", "/admin/v1/users/%09/sessions", null),
                new Case("blank user id, one session", admin, "DELETE", "/admin/v1/users/%20/sessions/%20", null),
                new Case("unicode user id", admin, "GET", "/admin/v1/users/%E2%80%AE%C3%A9", null),
                new Case("blank client id", admin, "DELETE", "/admin/v1/clients/%20", null),
                new Case("dot-dot client id", admin, "DELETE", "/admin/v1/clients/..", null),
                new Case(
                        "audit from year 1e9",
                        admin,
                        "GET",
                        "/admin/v1/audit?from=%2B1000000000-01-01T00:00:00Z",
                        null),
                new Case("audit to before 1970", admin, "GET", "/admin/v1/audit?to=1000-01-01T00:00:00Z", null),
                new Case("audit from not a date", admin, "GET", "/admin/v1/audit?from=yesterday", null),
                new Case("audit account over 64", admin, "GET", "/admin/v1/audit?account=" + longAccount, null),
                new Case("audit unknown type", admin, "GET", "/admin/v1/audit?type=everything", null),
                new Case("audit limit 0", admin, "GET", "/admin/v1/audit?limit=0", null),
                new Case("audit before huge", admin, "GET", "/admin/v1/audit?before=99999999999999999999", null),
                new Case("users offset negative", admin, "GET", "/admin/v1/users?offset=-1", null),
                new Case("users limit not a number", admin, "GET", "/admin/v1/users?limit=ten", null),
                new Case(
                        "feed limit 0",
                        null,
                        "GET",
                        "/v1/revocations?limit=0",
                        null,
                        "Authorization",
                        feedAuthorization),
                new Case(
                        "feed after negative",
                        null,
                        "GET",
                        "/v1/revocations?after=-5",
                        null,
                        "Authorization",
                        feedAuthorization),
                new Case(
                        "feed after huge",
                        null,
                        "GET",
                        "/v1/revocations?after=1e99",
                        null,
                        "Authorization",
                        feedAuthorization)));
        for (int codePoint : new int[] {0x0386, 0x0389, 0x038F, 0x03AA, 0x1FBA}) {
            String email = "a" + Character.toString(codePoint) + "\u0345@x.com";
            cases.add(new Case(
                    "unstable e-mail U+" + Integer.toHexString(codePoint),
                    null,
                    "POST",
                    "/v1/sessions",
                    ApiClient.json(Map.of("email", email, "password", PASSWORD))));
            cases.add(new Case(
                    "unstable e-mail, token login, U+" + Integer.toHexString(codePoint),
                    null,
                    "POST",
                    "/v1/tokens",
                    ApiClient.json(Map.of("email", email, "password", PASSWORD, "client_id", "mobile"))));
        }
        return cases;
    }

    /** The limiter counts such an attempt before anything could throw: one client cannot flood the log. */
    @Test
    void attemptsWithAnUnstableAddressAreCountedByTheLoginLimit(@TempDir Path ownDirectory) {
        try (RunningGatehouse limited = RunningGatehouse.start(
                ownDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "5/1m"))) {
            ApiClient client = new ApiClient(limited.baseUri(), RunningGatehouse.ISSUER);
            String body = ApiClient.json(Map.of("email", "a\u0386\u0345@x.com", "password", PASSWORD));
            RateLimitWindow.awaitRoomInTheCurrentMinute();
            for (int i = 0; i < 5; i++) {
                assertThat(client.send("POST", "/v1/sessions", body).status()).isEqualTo(401);
            }

            assertThat(client.send("POST", "/v1/sessions", body).status()).isEqualTo(429);
        }
    }

    @Test
    void everyMalformedInputIsA4xxProblemAndNoStackTrace() {
        for (Case c : cases()) {
            ApiClient client = c.as() != null ? c.as() : new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
            ApiClient.Response response = client.send(c.method(), c.path(), c.body(), c.headers());

            assertThat(response.status()).as(c.what() + ": " + response.body()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).as(c.what()).contains("application/problem+json");
        }
        synchronized (traces) {
            assertThat(traces)
                    .as("log records with a stack trace or at SEVERE during the sweep")
                    .extracting(r -> r.getLoggerName() + ": " + r.getMessage())
                    .isEmpty();
        }
    }
}
