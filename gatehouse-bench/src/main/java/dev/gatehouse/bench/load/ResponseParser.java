package dev.gatehouse.bench.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One connection's answers, parsed from the bytes as they arrive, however the network splits them: the
 * load generator reads whatever a socket has and asks whether an answer is whole yet. Knows what the
 * suite needs of HTTP/1.1 answers and no more: a status, {@code Content-Length} or chunked bodies,
 * {@code Connection: close}, the first {@code Set-Cookie}.
 */
final class ResponseParser {
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final byte[] LINE_END = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[16_384];
    private int length;

    /** Where the next bytes from the socket go: the free end of this parser's buffer. */
    ByteBuffer space() {
        if (length == bytes.length) {
            if (bytes.length >= MAX_RESPONSE_BYTES) {
                throw new IllegalStateException("an answer of more than " + MAX_RESPONSE_BYTES + " bytes");
            }
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        return ByteBuffer.wrap(bytes, length, bytes.length - length);
    }

    /** Takes what was read into {@link #space()}. */
    void filled(ByteBuffer space) {
        length = space.position();
    }

    /** Forgets any part of an answer, as when the connection is replaced. */
    void clear() {
        length = 0;
    }

    /** The first whole answer, removed from the buffer; null while it is still arriving. */
    HttpConnection.Response next() {
        int headEnd = indexOf(HEAD_END, 0);
        if (headEnd < 0) {
            return null;
        }
        String[] lines = text(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        int contentLength = 0;
        boolean chunked = false;
        boolean closes = false;
        String setCookie = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Integer.parseInt(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                case "set-cookie" -> {
                    if (setCookie == null) {
                        setCookie = value;
                    }
                }
                default -> {}
            }
        }
        int bodyStart = headEnd + 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int end = chunked ? chunkedEnd(bodyStart, body) : bodyStart + contentLength;
        if (end < 0 || end > length) {
            return null;
        }
        if (!chunked) {
            body.write(bytes, bodyStart, contentLength);
        }
        System.arraycopy(bytes, end, bytes, 0, length - end);
        length -= end;
        return new HttpConnection.Response(status, setCookie, body.toString(StandardCharsets.UTF_8), closes);
    }

    /** Where a chunked body that starts at {@code from} ends, its data appended to {@code body}; -1 while incomplete. */
    private int chunkedEnd(int from, ByteArrayOutputStream body) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(LINE_END, at);
            if (lineEnd < 0) {
                return -1;
            }
            int size = Integer.parseInt(text(at, lineEnd).split(";")[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                // Trailers, if any, then the empty line that ends the body.
                while (true) {
                    int trailerEnd = indexOf(LINE_END, at);
                    if (trailerEnd < 0) {
                        return -1;
                    }
                    boolean last = trailerEnd == at;
                    at = trailerEnd + 2;
                    if (last) {
                        return at;
                    }
                }
            }
            if (at + size + 2 > length) {
                return -1;
            }
            body.write(bytes, at, size);
            at += size + 2;
        }
    }

    private int indexOf(byte[] target, int from) {
        for (int i = from; i <= length - target.length; i++) {
            if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
                return i;
            }
        }
        return -1;
    }

    private String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
