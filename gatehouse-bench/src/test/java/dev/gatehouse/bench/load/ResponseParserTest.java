package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private static final String BY_LENGTH = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n"
            + "Set-Cookie: __Host-gh=abc; Path=/\r\nSet-Cookie: other=1\r\n\r\n{\"ok\":\"yés\"}";
    private static final String CHUNKED = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n4\r\n{\"a\"\r\n6;ext=1\r\n:\"bc\"}\r\n0\r\nX-Trailer: t\r\n\r\n";

    @Test
    void anAnswerSplitAtAnyByteIsWholeOnlyOnceItsLastByteArrives() {
        byte[] both = (BY_LENGTH + CHUNKED).getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < both.length; split++) {
            ResponseParser parser = new ResponseParser();
            List<HttpConnection.Response> answers = new ArrayList<>();
            feed(parser, both, 0, split, answers);
            feed(parser, both, split, both.length, answers);

            assertThat(answers).as("split at %d", split).hasSize(2);
            assertThat(answers.get(0))
                    .isEqualTo(new HttpConnection.Response(200, "__Host-gh=abc; Path=/", "{\"ok\":\"yés\"}", false));
            assertThat(answers.get(1)).isEqualTo(new HttpConnection.Response(201, null, "{\"a\":\"bc\"}", true));
        }
    }

    @Test
    void anAnswerLongerThanTheBufferGrowsIt() {
        String body = "x".repeat(40_000);
        ResponseParser parser = new ResponseParser();
        List<HttpConnection.Response> answers = new ArrayList<>();
        byte[] bytes = ("HTTP/1.1 200 OK\r\nContent-Length: 40000\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        feed(parser, bytes, 0, bytes.length, answers);

        assertThat(answers)
                .singleElement()
                .extracting(HttpConnection.Response::body)
                .isEqualTo(body);
    }

    @Test
    void aClearedParserForgetsHalfAnAnswer() {
        ResponseParser parser = new ResponseParser();
        byte[] half = "HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.UTF_8);
        feed(parser, half, 0, half.length, new ArrayList<>());
        parser.clear();
        List<HttpConnection.Response> answers = new ArrayList<>();
        byte[] whole = BY_LENGTH.getBytes(StandardCharsets.UTF_8);
        feed(parser, whole, 0, whole.length, answers);

        assertThat(answers)
                .singleElement()
                .extracting(HttpConnection.Response::status)
                .isEqualTo(200);
    }

    /** As a socket would: whatever fits into the parser's free space, then every answer that is whole. */
    private static void feed(
            ResponseParser parser, byte[] bytes, int from, int to, List<HttpConnection.Response> answers) {
        int at = from;
        while (at < to) {
            ByteBuffer space = parser.space();
            int n = Math.min(space.remaining(), to - at);
            space.put(bytes, at, n);
            parser.filled(space);
            at += n;
            for (HttpConnection.Response answer = parser.next(); answer != null; answer = parser.next()) {
                answers.add(answer);
            }
        }
    }
}
