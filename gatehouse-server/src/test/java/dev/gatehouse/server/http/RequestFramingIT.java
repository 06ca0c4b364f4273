package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where one request ends and the next begins (RFC 9112 sections 6 and 9.3), over raw sockets: a request
 * whose length is ambiguous is refused and its connection closed, a request read to its end leaves the
 * connection to the next one, answered in order, and after an answer that closes the connection nothing
 * more is answered on it. Each case hides a complete, valid login where a server that framed the
 * request otherwise would read it as a request: answering it would hand its session to whoever owns
 * the next response on a shared connection.
 */
class RequestFramingIT extends ApiTestBase {
    /** How long a connection the server keeps is read before the conversation is over. */
    private static final Duration KEPT = Duration.ofSeconds(3);

    /**
     * RFC 9112 section 6.1: a request with both "ought to be handled as an error"; a server that reads it
     * as chunked anyway "MUST close the connection after responding". Either is safe; reading the
     * Content-Length, or answering the bytes behind the chunked body, is not.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("contentLengthsBesideChunked")
    void contentLengthBesideTransferEncodingIsRefusedOrReadAsChunkedAndThenTheConnectionCloses(
            String name, String framing) {
        String embedded = loginRequest(newAccount());
        String chunked = chunk("{\"email\":\"nobody@example.com\"}") + "0\r\n\r\n";
        String request = head("/v1/sessions")
                + framing.replace("SHORT", "4").replace("LONG", Integer.toString(chunked.length() + embedded.length()))
                + "\r\n" + chunked + embedded;

        try (LogCapture log = LogCapture.start()) {
            RawHttp.Conversation conversation = RawHttp.converse(server.port(), request);

            assertThat(conversation.replies()).as(conversation.raw()).hasSize(1);
            RawHttp.Reply reply = conversation.replies().getFirst();
            assertThat(reply.status())
                    .as("refused, or the chunked body's own answer: never the login behind it")
                    .isIn(400, 422);
            assertThat(reply.head()).containsIgnoringCase("Connection: close");
            assertThat(conversation.closedByServer()).isTrue();
            assertThat(log.alarming()).isEmpty();
        }
    }

    static Stream<Arguments> contentLengthsBesideChunked() {
        return Stream.of(
                Arguments.of(
                        "Content-Length shorter, before", "Content-Length: SHORT\r\nTransfer-Encoding: chunked\r\n"),
                Arguments.of(
                        "Content-Length shorter, after", "Transfer-Encoding: chunked\r\nContent-Length: SHORT\r\n"),
                Arguments.of("Content-Length longer, before", "Content-Length: LONG\r\nTransfer-Encoding: chunked\r\n"),
                Arguments.of("Content-Length longer, after", "Transfer-Encoding: chunked\r\nContent-Length: LONG\r\n"),
                Arguments.of("Content-Length zero", "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agree", "disagree"})
    void twoContentLengthsAreRefusedWhetherOrNotTheyAgree(String agreement) {
        String embedded = loginRequest(newAccount());
        String body = "{\"email\":\"nobody@example.com\"}";
        String second = agreement.equals("agree") ? Integer.toString(body.length()) : "1";

        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                head("/v1/sessions") + "Content-Length: " + body.length() + "\r\nContent-Length: " + second + "\r\n\r\n"
                        + body + embedded);

        RawHttp.assertOneProblemThenClosed(conversation, 400, "bad-request");
    }

    /** RFC 9112 section 6.3: neither header means no body; what follows is the next request. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/sessions", "/v1/accounts", "/v1/tokens"})
    void aPostWithoutABodyLengthHasNoBodyAndIsAnswered4xx(String path) {
        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(), bytes(head(path) + "\r\n" + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"), KEPT);

        assertThat(conversation.replies())
                .as(conversation.raw())
                .extracting(RawHttp.Reply::status)
                .containsExactly(400, 200);
        assertThat(conversation.replies().getFirst().body()).contains("\"urn:gatehouse:problem:invalid-json\"");
        assertThat(conversation.replies().get(1).body()).contains("\"status\":\"UP\"");
    }

    /**
     * Whatever answer closes the connection, because the body was left unread, the framing was refused or
     * the client asked, requests already sent behind it are never answered.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("answersThatCloseTheConnection")
    void afterAnAnswerThatClosesTheConnectionPipelinedRequestsAreNeverAnswered(String name, int status, String first) {
        String email = newAccount();

        RawHttp.Conversation conversation =
                RawHttp.converse(server.port(), bytes(first + loginRequest(email) + loginRequest(email)), KEPT);

        assertThat(conversation.replies()).as(conversation.raw()).hasSize(1);
        RawHttp.Reply reply = conversation.replies().getFirst();
        assertThat(reply.status()).as(reply.head()).isEqualTo(status);
        assertThat(reply.head()).containsIgnoringCase("Connection: close");
        assertThat(conversation.closedByServer())
                .as("the server closed the connection")
                .isTrue();
    }

    static Stream<Arguments> answersThatCloseTheConnection() {
        String body = "{\"email\":\"nobody@example.com\"}";
        String withBody = "Content-Length: " + body.length() + "\r\n\r\n" + body;
        return Stream.of(
                Arguments.of(
                        "415, body unread",
                        415,
                        "POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + "Content-Type: text/plain\r\n" + withBody),
                Arguments.of("405, body unread", 405, "PUT /v1/sessions HTTP/1.1\r\nHost: x\r\n" + withBody),
                Arguments.of("404, body unread", 404, "POST /nowhere HTTP/1.1\r\nHost: x\r\n" + withBody),
                Arguments.of("401, body unread", 401, "DELETE /v1/sessions/current HTTP/1.1\r\nHost: x\r\n" + withBody),
                Arguments.of("413", 413, head("/v1/sessions") + "Content-Length: 70000\r\n\r\n" + body),
                Arguments.of(
                        "400, repeated Authorization",
                        400,
                        "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n"
                                + withBody),
                Arguments.of("400, malformed header", 400, "GET /health/live HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n"),
                Arguments.of(
                        "client asked to close",
                        200,
                        "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n"),
                Arguments.of(
                        "a 400 read to its end, client asked to close",
                        400,
                        head("/v1/sessions") + "Connection: close\r\nContent-Length: 9\r\n\r\n{\"email\":"),
                // Its body is no body to a client, which would take it for the next answer.
                Arguments.of("an answer to HEAD", 405, "HEAD /health/live HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("an answer to HEAD, no such path", 404, "HEAD /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void afterRequestsReadToTheirEndPipelinedRequestsAreAnsweredInOrder() {
        String email = newAccount();
        String malformedJson = head("/v1/sessions") + "Content-Length: 9\r\n\r\n{\"email\":";
        String getWithBody = "GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";

        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                bytes("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n" + loginRequest(email) + malformedJson + getWithBody
                        + loginRequest(email)),
                KEPT);

        assertThat(conversation.replies())
                .as(conversation.raw())
                .extracting(RawHttp.Reply::status)
                .containsExactly(404, 200, 400, 200, 200);
        assertThat(conversation.replies())
                .extracting(RawHttp.Reply::body)
                .satisfiesExactly(
                        notFound -> assertThat(notFound).contains("problem:not-found"),
                        login -> assertThat(login).contains("\"session\""),
                        malformed -> assertThat(malformed).contains("problem:invalid-json"),
                        health -> assertThat(health).contains("\"status\":\"UP\""),
                        login -> assertThat(login).contains("\"session\""));
        assertThat(conversation.closedByServer()).isFalse();
    }

    /**
     * RFC 9112 section 7.1: {@code chunk-size = 1*HEXDIG}, and CRLF after a chunk's data. Helidon 4.5
     * takes {@code +1c} for a size and steps over any two bytes after the data, where a proxy in front
     * may read the chunk otherwise.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkedFramingsHelidonWouldTake")
    void chunkedFramingOutsideTheGrammarIsRefusedAndTheConnectionCloses(String name, String chunks) {
        String email = newAccount();
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Conversation conversation = RawHttp.converse(
                    server.port(),
                    head("/v1/sessions") + "Transfer-Encoding: chunked\r\n\r\n"
                            + chunks.replace("SIZE", Integer.toHexString(body.length()))
                                    .replace("BODY", body)
                            + loginRequest(email));

            RawHttp.assertOneProblemThenClosed(conversation, 400, "bad-request");
            assertThat(log.alarming()).isEmpty();
        }
    }

    /**
     * A method that is no token once reached Helidon's {@code Method.create} and came back as a 500 with
     * a logged stack trace, and one with a lowercase letter was served as its uppercase: now both are a
     * 400 problem, quietly, and the connection closes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestLinesWithARefusedMethod")
    void aRequestLineWhoseMethodIsNoTokenOrHasALowercaseLetterIsABadRequest(String name, String requestLine) {
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Conversation conversation = RawHttp.converse(
                    server.port(),
                    requestLine + "\r\nHost: 127.0.0.1\r\n\r\n" + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");

            RawHttp.assertOneProblemThenClosed(conversation, 400, "bad-request");
            assertThat(log.alarming()).isEmpty();
        }
    }

    static Stream<Arguments> requestLinesWithARefusedMethod() {
        return Stream.of(
                Arguments.of("an @ in the method", "G@T /health/live HTTP/1.1"),
                Arguments.of("a tab for the space", "GET\t/health/live HTTP/1.1"),
                Arguments.of("a bracket in the method", "GE[T /health/live HTTP/1.1"),
                Arguments.of("a non-ASCII letter", "G\u00c9T /health/live HTTP/1.1"),
                // Found by an outside attack: lines not ending in " HTTP/" and a version went through.
                Arguments.of("an @ and no version", "G@T /health/live XYZ"),
                Arguments.of("an @ and a long version", "G@T /health/live HTTP/1.10"),
                Arguments.of("no space after the method", "GET/health/live HTTP/1."),
                Arguments.of("a non-ASCII letter and HTTP/2", "G\u00c9T /health/live HTTP/2"),
                // A method is case-sensitive (RFC 9110 section 9.1), and Helidon 4.5 upper-cased it: "post"
                // was served as POST, past any proxy rule written for POST.
                Arguments.of("a lowercase method", "get /health/live HTTP/1.1"),
                Arguments.of("a method with one lowercase letter", "Get /health/live HTTP/1.1"),
                Arguments.of("a lowercase DELETE", "delete /v1/sessions/current HTTP/1.1"));
    }

    /**
     * A chunk size outside the grammar in a body no route reads: the answer goes out, then the connection
     * closes at once. It once stayed open until the idle timeout, Helidon reading the refused chunk's
     * data as the next size and waiting for that many bytes; the request behind it is never answered.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3;x\r\nabc\r\n", "FFFFFFFF\r\nabc\r\n", "+3\r\nabc\r\n", "3\r\nabcXY"})
    void aMalformedChunkOfABodyNoRouteReadsClosesTheConnectionAtOnce(String chunk) {
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Conversation conversation = RawHttp.converse(
                    server.port(),
                    bytes("GET /health/live HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk
                            + "0\r\n\r\n" + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"),
                    KEPT);

            assertThat(conversation.closedByServer()).as(conversation.raw()).isTrue();
            assertThat(conversation.replies()).hasSizeLessThanOrEqualTo(1);
            assertThat(log.alarming()).isEmpty();
        }
    }

    /**
     * A client that closes its side in the middle of a request head has nothing left to be answered:
     * the connection ends quietly. It once came back as a 500 with Helidon's stack trace in the log, a
     * few bytes per warning for anyone who wanted to fill the log.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestHeadsCutShort")
    void aRequestHeadCutShortByTheClientEndsTheConnectionQuietly(String name, String head) {
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Reply reply = RawHttp.exchange(server.port(), head);

            assertThat(reply.status()).as(reply.head()).isEqualTo(-1);
            assertThat(reply.head()).isEmpty();
            assertThat(log.alarming()).isEmpty();
        }
    }

    static Stream<Arguments> requestHeadsCutShort() {
        return Stream.of(
                Arguments.of("in the request line", "GET /heal"),
                Arguments.of("after the request line", "GET /health/live HTTP/1.1\r\n"),
                Arguments.of("in a header name", "GET /health/live HTTP/1.1\r\nHo"),
                Arguments.of("in a header value", "GET /health/live HTTP/1.1\r\nHost: loc"),
                Arguments.of("before the blank line", "GET /health/live HTTP/1.1\r\nHost: localhost\r\n"));
    }

    static Stream<Arguments> chunkedFramingsHelidonWouldTake() {
        return Stream.of(
                Arguments.of("a sign before the size", "+SIZE\r\nBODY\r\n0\r\n\r\n"),
                Arguments.of("no CRLF after the data", "SIZE\r\nBODYXX0\r\n\r\n"),
                Arguments.of("LF alone after the data", "SIZE\r\nBODY\n\r0\r\n\r\n"),
                Arguments.of("a size line longer than any size", "0".repeat(100) + "SIZE\r\nBODY\r\n0\r\n\r\n"));
    }

    /**
     * Helidon 4.5 buffers a chunk-size line until its end, however long, and leading zeros keep it a
     * valid size: a few connections sending zeros filled gigabytes of heap. The line is refused once it
     * is longer than any size, and the connection closed.
     */
    @Test
    void aChunkSizeLineOfEndlessZerosIsRefusedAtOnce() {
        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                bytes(head("/v1/sessions") + "Transfer-Encoding: chunked\r\n\r\n" + "0".repeat(256 * 1024)),
                Duration.ofSeconds(5));

        assertThat(conversation.closedByServer())
                .as("closed, not waiting for the line to end")
                .isTrue();
        assertThat(conversation.replies())
                .allSatisfy(reply -> assertThat(reply.status()).isEqualTo(400));
    }

    /** RFC 9110 section 5.1: a field name is a token of at least one character. */
    @Test
    void aHeaderWithoutANameIsRefused() {
        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                bytes("GET /health/live HTTP/1.1\r\nHost: x\r\n: no name\r\nConnection: close\r\n\r\n"),
                KEPT);

        RawHttp.assertOneProblemThenClosed(conversation, 400, "bad-request");
    }

    /** The 16 KiB counts every header line, also of a name sent on many lines. */
    @Test
    void manySmallLinesOfOneHeaderCountTowardTheHeaderLimit() {
        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                bytes("GET /health/live HTTP/1.1\r\nHost: x\r\n" + "a: b\r\n".repeat(4_000)
                        + "Connection: close\r\n\r\n"),
                KEPT);

        RawHttp.assertOneProblemThenClosed(conversation, 431, "headers-too-large");
        // Helidon has no name for 431 and would repeat the number as the reason phrase.
        org.assertj.core.api.Assertions.assertThat(
                        conversation.replies().getFirst().head())
                .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    }

    private static String head(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + HttpIo.JSON + "\r\nOrigin: "
                + RunningGatehouse.ISSUER + "\r\n";
    }

    /** A complete, valid login request: answered 200 with a session cookie if it is ever parsed. */
    private static String loginRequest(String email) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        return head("/v1/sessions") + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                + body;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
