package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: whatever the server refuses while a request body is not fully read, it answers once and
 * closes the connection, so bytes it did not read are never parsed as a request of their own (RFC 9112
 * section 9.6). Each request here carries a complete login request inside its body: answering it would
 * hand an attacker's session to the next user of a shared connection.
 */
class RequestSmugglingIT extends ApiTestBase {
    private static final String CHUNK_OF_32_KIB = chunk("a".repeat(32 * 1024));

    @ParameterizedTest
    @ValueSource(strings = {"/v1/sessions", "/v1/accounts", "/oauth2/token", "/oauth2/introspect"})
    void aChunkedBodyOverTheLimitIsAnswered413AndTheConnectionCloses(String path) {
        String embedded = loginRequest(newAccount());

        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                head(path, contentTypeFor(path)) + "Transfer-Encoding: chunked\r\n\r\n" + CHUNK_OF_32_KIB
                        + CHUNK_OF_32_KIB + chunk(embedded) + "0\r\n\r\n");

        RawHttp.assertOneProblemThenClosed(conversation, 413, "payload-too-large");
    }

    /**
     * RFC 9110 section 10.1.1: a client may send the body without waiting for {@code 100 Continue}.
     * Helidon 4.5 discarded nothing of a body it had sent no 100 for, so a request hidden in it was
     * answered as the next one; now the answer closes the connection.
     */
    @ParameterizedTest
    @ValueSource(strings = {"100-continue", "100-Continue"})
    void aBodyAfterExpectThatNoRouteReadsIsNeverParsedAsARequest(String expectation) {
        String hidden = "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        for (String framing : new String[] {
            "Content-Length: " + hidden.length() + "\r\n\r\n" + hidden,
            "Transfer-Encoding: chunked\r\n\r\n" + chunk(hidden) + "0\r\n\r\n"
        }) {
            RawHttp.Conversation conversation = RawHttp.converse(
                    server.port(), "GET /health/live HTTP/1.1\r\nHost: x\r\nExpect: " + expectation + "\r\n" + framing);

            assertThat(conversation.replies()).as(conversation.raw()).hasSize(1);
            assertThat(conversation.replies().getFirst().status()).isEqualTo(200);
            assertThat(conversation.closedByServer()).as(conversation.raw()).isTrue();
        }
    }

    /**
     * A size outside {@code 1*HEXDIG} is malformed (400). A numeral of any value is a size (RFC 9112
     * section 7.1 asks for no overflow in reading it): one past the body limit is too large (413), where
     * Helidon 4.5 read {@code FFFFFFFF} as -1.
     */
    @ParameterizedTest
    @CsvSource({
        "zz, 400, bad-request",
        "-1, 400, bad-request",
        "1 1, 400, bad-request",
        "1c;ext, 400, bad-request",
        "10001, 413, payload-too-large",
        "80000000, 413, payload-too-large",
        "FFFFFFFF, 413, payload-too-large",
        "fffffffffffffffff, 413, payload-too-large"
    })
    void aChunkSizeOutsideTheGrammarOrPastTheLimitIsRefusedAndTheConnectionCloses(
            String size, int status, String problem) {
        String embedded = loginRequest(newAccount());
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Conversation conversation = RawHttp.converse(
                    server.port(),
                    head("/v1/sessions", HttpIo.JSON) + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + embedded
                            + "\r\n0\r\n\r\n");

            RawHttp.assertOneProblemThenClosed(conversation, status, problem);
            assertThat(log.alarming()).isEmpty();
        }
    }

    /**
     * RFC 9112 section 6.1: "A server that receives a request message with a transfer coding it does not
     * understand SHOULD respond with 501 (Not Implemented)". Chunked is last, so the framing is known;
     * the coding under it is what the server does not implement.
     */
    @Test
    void aTransferCodingOtherThanChunkedIsAnswered501AndTheConnectionCloses() {
        String embedded = loginRequest(newAccount());
        for (String codings : new String[] {
            "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"
        }) {
            try (LogCapture log = LogCapture.start()) {
                RawHttp.Conversation conversation = RawHttp.converse(
                        server.port(),
                        head("/v1/sessions", HttpIo.JSON) + codings + "\r\n" + chunk(embedded) + "0\r\n\r\n");

                RawHttp.assertOneProblemThenClosed(conversation, 501, "transfer-coding-not-implemented");
                assertThat(log.alarming()).isEmpty();
            }
        }
    }

    /** RFC 9112 section 6.3: chunked not last leaves the length unknown; 400, then close. */
    @Test
    void chunkedThatIsNotTheLastCodingIsAnswered400AndTheConnectionCloses() {
        RawHttp.Conversation conversation = RawHttp.converse(
                server.port(),
                head("/v1/sessions", HttpIo.JSON) + "Transfer-Encoding: chunked, gzip\r\n\r\n"
                        + chunk(loginRequest(newAccount())) + "0\r\n\r\n");

        RawHttp.assertOneProblemThenClosed(conversation, 400, "bad-request");
    }

    @Test
    void aBodyRefusedForItsMediaTypeBeforeBeingReadEndsTheConnection() {
        String embedded = loginRequest(newAccount());
        String declared = head("/v1/sessions", "text/plain") + "Content-Length: 2\r\n\r\nhi" + embedded;
        String chunked = head("/v1/sessions", "text/plain") + "Transfer-Encoding: chunked\r\n\r\n" + chunk(embedded)
                + "0\r\n\r\n" + embedded;

        RawHttp.assertOneProblemThenClosed(RawHttp.converse(server.port(), declared), 415, "unsupported-media-type");
        RawHttp.assertOneProblemThenClosed(RawHttp.converse(server.port(), chunked), 415, "unsupported-media-type");
    }

    /** The other side of the rule: a request read to its end leaves the connection usable, error or not. */
    @Test
    void requestsReadToTheirEndKeepTheConnectionForTheNextOne() {
        String email = newAccount();
        String malformedJson = head("/v1/sessions", HttpIo.JSON) + "Transfer-Encoding: chunked\r\n\r\n"
                + chunk("{\"email\":") + "0\r\n\r\n";

        RawHttp.Conversation conversation =
                RawHttp.converse(server.port(), malformedJson + loginRequest(email) + loginRequest(email));

        assertThat(conversation.replies())
                .as(conversation.raw())
                .extracting(RawHttp.Reply::status)
                .containsExactly(400, 200, 200);
        assertThat(conversation.closedByServer()).isFalse();
    }

    private static String contentTypeFor(String path) {
        return path.startsWith("/oauth2/") ? "application/x-www-form-urlencoded" : HttpIo.JSON;
    }

    private static String head(String path, String contentType) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType + "\r\nOrigin: "
                + RunningGatehouse.ISSUER + "\r\n";
    }

    /** A complete, valid login request: answered 200 with a session cookie if it is ever parsed. */
    private static String loginRequest(String email) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        return head("/v1/sessions", HttpIo.JSON) + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }
}
