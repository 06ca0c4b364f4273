package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx problem with a stable type, never a 500 or a stack trace. */
class BadInputIT extends ApiTestBase {

    @Test
    void malformedJson() {
        ApiClient.Response response = client().send("POST", "/v1/sessions", "{\"email\": ");

        assertProblem(response, 400, "invalid-json");
    }

    @Test
    void jsonThatIsNotAnObject() {
        assertProblem(client().send("POST", "/v1/sessions", "[1,2]"), 400, "invalid-json");
        assertProblem(client().send("POST", "/v1/sessions", "null"), 400, "invalid-json");
        assertProblem(client().send("POST", "/v1/sessions", ""), 400, "invalid-json");
    }

    @Test
    void deeplyNestedJson() {
        String deepArray = "{\"email\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        String deepObject = "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000);

        assertProblem(client().send("POST", "/v1/sessions", deepArray), 400, "invalid-json");
        assertProblem(client().send("POST", "/v1/sessions", deepObject), 400, "invalid-json");
    }

    @Test
    void wrongContentType() {
        assertProblem(
                client().send(
                                "POST",
                                "/v1/sessions",
                                "email=a&password=b",
                                "Content-Type",
                                "application/x-www-form-urlencoded"),
                415,
                "unsupported-media-type");
        assertProblem(
                client().send("POST", "/v1/sessions", "{}", "Content-Type", "application/json; charset=latin1"),
                415,
                "unsupported-media-type");
    }

    @Test
    void unknownMissingAndMistypedFields() {
        assertProblem(
                client().send("POST", "/v1/sessions", "{\"email\":\"a@b.c\",\"password\":\"x\",\"admin\":true}"),
                400,
                "invalid-request");
        assertProblem(client().send("POST", "/v1/sessions", "{\"email\":\"a@b.c\"}"), 400, "invalid-request");
        assertProblem(
                client().send("POST", "/v1/sessions", "{\"email\":42,\"password\":\"x\"}"), 400, "invalid-request");
        assertProblem(
                client().send("POST", "/v1/sessions", "{\"email\":\"a@b.c\",\"email\":\"b@b.c\",\"password\":\"x\"}"),
                400,
                "invalid-json");
    }

    @Test
    void oversizeBodyByContentLengthAndChunked() {
        // Raw sockets: the server may answer 413 and close before the client has sent everything.
        String big = "{\"email\":\"" + "a".repeat(70_000) + "\"}";
        RawHttp.Reply declared = RawHttp.exchange(
                server.port(),
                "POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + big.length()
                        + "\r\nConnection: close\r\n\r\n" + big);
        assertThat(declared.status()).as(declared.head()).isEqualTo(413);
        assertThat(declared.body()).contains("urn:gatehouse:problem:payload-too-large");

        StringBuilder chunked = new StringBuilder("POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            chunked.append("1000\r\n").append("a".repeat(0x1000)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        RawHttp.Reply reply = RawHttp.exchange(server.port(), chunked.toString());
        assertThat(reply.status()).as(reply.head()).isEqualTo(413);
        assertThat(reply.body()).contains("urn:gatehouse:problem:payload-too-large");
    }

    @Test
    void oversizeHeaders() {
        assertProblem(client().send("GET", "/v1/me", null, "X-Padding", "a".repeat(20_000)), 431, "headers-too-large");

        RawHttp.Reply hard = RawHttp.exchange(
                server.port(),
                "GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(100_000)
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(hard.status()).isBetween(400, 499);
        assertThat(hard.body()).contains("urn:gatehouse:problem:");
    }

    /**
     * Past 24 KiB a header is not read on: a connection holding a long unfinished header costs the heap
     * about twice what it sent, and hundreds of them ended the process when the stop was 64 KiB.
     */
    @Test
    void aHeaderPast24KibIsCutOffAndTheConnectionClosed() {
        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                ("GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(30_000) + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                java.time.Duration.ofSeconds(3));

        assertThat(conversation.replies()).as(conversation.raw()).hasSize(1);
        assertThat(conversation.replies().getFirst().status()).isBetween(400, 499);
        assertThat(conversation.replies().getFirst().body()).contains("urn:gatehouse:problem:");
        assertThat(conversation.closedByServer())
                .as("the server closed the connection")
                .isTrue();
    }

    @Test
    void wrongMethodsGet405WithAllow() {
        ApiClient.Response response = client().send("PUT", "/v1/me", "{}");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).contains("GET");
        assertThat(client().send("PATCH", "/v1/sessions", "{}").header("Allow")).contains("GET, POST, DELETE");
    }

    @Test
    void unknownPathsGet404Problems() {
        assertProblem(client().get("/v1/nothing-here"), 404, "not-found");
        assertProblem(client().get("/"), 404, "not-found");
    }

    @Test
    void garbageRequestLines() {
        RawHttp.Reply reply = RawHttp.exchange(server.port(), "HELLO THERE\r\n\r\n");
        assertThat(reply.status()).isIn(-1, 400, 405, 501, 505);

        RawHttp.Reply longUri = RawHttp.exchange(
                server.port(), "GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.body()).contains("urn:gatehouse:problem:uri-too-long");

        // Far past the limit the web server hangs up without an answer; what matters is no 5xx.
        RawHttp.Reply hugeUri = RawHttp.exchange(
                server.port(), "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(hugeUri.status()).isIn(-1, 400, 414);
    }

    @Test
    void aWellFormedVersionOtherThan11Gets505AndAMalformedOne400() {
        for (String version : new String[] {"HTTP/1.0", "HTTP/9.9", "HTTP/2.0"}) {
            RawHttp.Reply reply = RawHttp.exchange(
                    server.port(), "GET /health/ready " + version + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(reply.status()).as(version).isEqualTo(505);
            assertThat(reply.body()).as(version).contains("urn:gatehouse:problem:http-version-not-supported");
        }
        for (String malformed : new String[] {"HTTP/1.10", "HTTP/x.y", "HTTPS/1.1", "http/1.1"}) {
            RawHttp.Reply reply = RawHttp.exchange(
                    server.port(), "GET /health/ready " + malformed + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(reply.status()).as(malformed).isEqualTo(400);
            assertThat(reply.body()).as(malformed).contains("urn:gatehouse:problem:bad-request");
        }
    }

    @Test
    void noErrorRevealsAClassNameOrStackTrace() {
        for (ApiClient.Response response : new ApiClient.Response[] {
            client().send("POST", "/v1/sessions", "{\"email\":[1],\"password\":{}}"),
            client().send("POST", "/v1/sessions", "{\"\u0000\":1}"),
            client().send("POST", "/v1/password", "{}"),
        }) {
            assertThat(response.status()).isBetween(400, 499);
            assertThat(response.body()).doesNotContain("dev.gatehouse", "java.", "Exception", "\tat ");
        }
    }
}
