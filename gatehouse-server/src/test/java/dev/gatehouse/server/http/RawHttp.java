package dev.gatehouse.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sends bytes no well-behaved client would, and reads back the status line and body. */
final class RawHttp {
    private RawHttp() {}

    record Reply(int status, String head, String body) {}

    /** Every response the server sent on one connection, and whether it then closed the connection itself. */
    record Conversation(List<Reply> replies, boolean closedByServer, String raw) {}

    static Reply exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before it has read everything; read the answer.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            // The server may close early on garbage after answering; what was answered is in the reply.
            return new Reply(-1, "", e.toString());
        }
    }

    static Reply exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends {@code request} and keeps the connection open from this side, reading until the server
     * closes it (or {@code patience} runs out, which means it kept the connection for more requests).
     */
    static Conversation converse(int port, byte[] request, Duration patience) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) patience.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything; read the answer.
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean closed;
            byte[] buffer = new byte[8192];
            InputStream in = socket.getInputStream();
            try {
                for (int n = in.read(buffer); ; n = in.read(buffer)) {
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (SocketException e) {
                closed = true; // reset by the server: closed, with whatever arrived before
            }
            String raw = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
            return new Conversation(replies(raw), closed, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Conversation converse(int port, String request) {
        return converse(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));
    }

    /** Splits what a server sent into responses by their Content-Length; leftovers become a reply of status -1. */
    private static List<Reply> replies(String raw) {
        List<Reply> replies = new ArrayList<>();
        int at = 0;
        while (at < raw.length()) {
            int split = raw.indexOf("\r\n\r\n", at);
            if (!raw.startsWith("HTTP/1.1 ", at) || split < 0) {
                replies.add(new Reply(-1, raw.substring(at), ""));
                break;
            }
            String head = raw.substring(at, split);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring("content-length:".length()).strip());
                }
            }
            int end = Math.min(raw.length(), split + 4 + length);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status >= 200) {
                replies.add(new Reply(status, head, raw.substring(split + 4, end)));
            }
            at = end;
        }
        return replies;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // keep what arrived
        }
        return out.toByteArray();
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Reply(-1, text, "");
        }
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        return new Reply(Integer.parseInt(text.substring(9, 12)), head, body);
    }

    /**
     * Exactly one answer, a problem of {@code type} saying {@code Connection: close} and no stack trace,
     * and then the server really closed the connection: nothing after the refusal was read as a request.
     */
    static void assertOneProblemThenClosed(Conversation conversation, int status, String type) {
        org.assertj.core.api.Assertions.assertThat(conversation.replies())
                .as(conversation.raw())
                .hasSize(1);
        Reply reply = conversation.replies().getFirst();
        org.assertj.core.api.Assertions.assertThat(reply.status())
                .as(reply.head())
                .isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(reply.head())
                .containsIgnoringCase("Content-Type: application/problem+json")
                .containsIgnoringCase("Connection: close");
        org.assertj.core.api.Assertions.assertThat(reply.body())
                .contains("\"urn:gatehouse:problem:" + type + "\"")
                .doesNotContain("Exception", "\tat ", "java.");
        org.assertj.core.api.Assertions.assertThat(conversation.closedByServer())
                .as("the server closed the connection")
                .isTrue();
    }
}
