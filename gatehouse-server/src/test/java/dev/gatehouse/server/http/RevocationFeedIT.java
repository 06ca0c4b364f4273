package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The revocation feed: every revocation becomes an entry verifiers can poll or stream. */
class RevocationFeedIT extends TokenTestBase {

    private static ApiClient.Response poll(long after, int limit) {
        return client().send(
                        "GET",
                        "/v1/revocations?after=" + after + "&limit=" + limit,
                        null,
                        "Authorization",
                        basic("orders", ordersSecret));
    }

    /** The cursor after every entry so far. */
    private static long latestCursor() {
        long cursor = 0;
        while (true) {
            JsonNode page = poll(cursor, 1000).json();
            cursor = page.get("next_cursor").asLong();
            if (!page.get("has_more").asBoolean()) {
                return cursor;
            }
        }
    }

    /** Logs a browser in and out; returns the session id the logout revoked. */
    private static String loginAndLogout() {
        ApiClient browser = client();
        String sid = browser.login(newAccount(), PASSWORD)
                .json()
                .get("session")
                .get("id")
                .asText();
        assertThat(browser.delete("/v1/sessions/current").status()).isEqualTo(204);
        return sid;
    }

    @Test
    void aLogoutAndARevokedAccessTokenAppearAfterTheCursor() {
        long before = latestCursor();
        String sid = loginAndLogout();
        JsonNode app = tokenLogin();
        String jti =
                introspect(app.get("access_token").asText()).json().get("jti").asText();
        client().form("/oauth2/revoke", Map.of("token", app.get("access_token").asText(), "client_id", APP));

        JsonNode page = poll(before, 100).json();

        List<JsonNode> entries = new ArrayList<>();
        page.get("revocations").forEach(entries::add);
        assertThat(entries).anySatisfy(e -> assertThat(e.path("sid").asText()).isEqualTo(sid));
        assertThat(entries).anySatisfy(e -> assertThat(e.path("jti").asText()).isEqualTo(jti));
        assertThat(entries.getFirst().get("cursor").asLong()).isGreaterThan(before);
        assertThat(entries).allSatisfy(e -> assertThat(e.has("expires_at")).isTrue());
        assertThat(poll(page.get("next_cursor").asLong(), 100).json().get("revocations"))
                .isEmpty();
    }

    @Test
    void pagesWithALimit() {
        long before = latestCursor();
        loginAndLogout();
        loginAndLogout();

        JsonNode first = poll(before, 1).json();

        assertThat(first.get("revocations")).hasSize(1);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(poll(first.get("next_cursor").asLong(), 1).json().get("revocations"))
                .hasSize(1);
    }

    @Test
    void onlyAuthenticatedServersMayRead() {
        assertProblem(client().get("/v1/revocations"), 401, "invalid-client");
        assertProblem(
                client().send("GET", "/v1/revocations", null, "Authorization", basic("orders", "wrong")),
                401,
                "invalid-client");
        assertProblem(
                client().send("GET", "/v1/revocations", null, "Authorization", basic(APP, "")), 401, "invalid-client");
        assertProblem(
                client().send("GET", "/v1/revocations?after=-1", null, "Authorization", basic("orders", ordersSecret)),
                400,
                "invalid-request");
        assertProblem(client().get("/v1/revocations/stream"), 401, "invalid-client");
    }

    /** A refusal names the part of the request to mend: the query's cursor or the SSE header. */
    @Test
    void aBadStreamCursorIsRefusedNamingWhereItCameFrom() {
        ApiClient.Response query = client().send(
                        "GET", "/v1/revocations/stream?after=-1", null, "Authorization", basic("orders", ordersSecret));
        assertProblem(query, 400, "invalid-request");
        assertThat(query.json().get("detail").asText()).startsWith("after ");

        ApiClient.Response header = client().send(
                        "GET",
                        "/v1/revocations/stream?after=1",
                        null,
                        "Authorization",
                        basic("orders", ordersSecret),
                        "Last-Event-ID",
                        "+7");
        assertProblem(header, 400, "invalid-request");
        assertThat(header.json().get("detail").asText()).startsWith("Last-Event-ID ");
    }

    /**
     * Two cursors are two places to resume from, and two limits two page sizes: refused, whichever way
     * they came. An outside test found the first one silently winning.
     */
    @Test
    void aRepeatedCursorOrLimitIsRefused() {
        String auth = basic("orders", ordersSecret);
        ApiClient.Response twoHeaders = client().send(
                        "GET",
                        "/v1/revocations/stream",
                        null,
                        "Authorization",
                        auth,
                        "Last-Event-ID",
                        "1",
                        "Last-Event-ID",
                        "4");
        assertProblem(twoHeaders, 400, "bad-request");
        assertThat(twoHeaders.json().get("detail").asText())
                .contains("Last-Event-ID")
                .contains("only once");

        for (String query : List.of(
                "/v1/revocations?after=1&after=4",
                "/v1/revocations?limit=1&limit=2",
                "/v1/revocations/stream?after=1&after=4")) {
            ApiClient.Response repeated = client().send("GET", query, null, "Authorization", auth);
            assertProblem(repeated, 400, "invalid-request");
            assertThat(repeated.json().get("detail").asText()).as(query).endsWith("may appear only once.");
        }
        assertThat(client().send("GET", "/v1/revocations?after=1&limit=2", null, "Authorization", auth)
                        .status())
                .isEqualTo(200);
    }

    /** The feed names every user's ended sessions: for the APIs that verify tokens, no other client. */
    @Test
    void aClientThatIsNotAResourceServerMayNotRead() {
        for (String path : List.of("/v1/revocations", "/v1/revocations/stream")) {
            assertProblem(
                    client().send("GET", path, null, "Authorization", basic("billing", billingSecret)),
                    403,
                    "forbidden");
        }
    }

    @Test
    void streamsARevocationAsItHappensAndResumesFromLastEventId() throws Exception {
        long before = latestCursor();
        String earlier = loginAndLogout();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("/v1/revocations/stream"))
                .header("Authorization", basic("orders", ordersSecret))
                .header("Last-Event-ID", String.valueOf(before))
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
        try {
            assertThat(awaitDataContaining(lines, earlier))
                    .as("resumed from Last-Event-ID")
                    .isTrue();

            String later = loginAndLogout();

            assertThat(awaitDataContaining(lines, later)).as("pushed live").isTrue();
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    private static boolean awaitDataContaining(BlockingQueue<String> lines, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:") && line.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
