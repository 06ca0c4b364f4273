package dev.gatehouse.server.connection;

import dev.gatehouse.server.http.GatehouseRouting;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Helidon's reader of a connection's bytes, strict where Helidon 4.5 decodes a chunked body leniently.
 *
 * <p>Helidon 4.5 reads each chunk-size line with {@link #readLine()}, which has no length limit (a
 * size line of a hundred megabytes of leading zeros is buffered whole, and is a valid size), then
 * parses it with {@code Integer.parseUnsignedInt}, which takes a leading {@code +}; it reads the
 * chunk's data with {@link #readBuffer(int)} and steps over the two bytes after it with {@code
 * skip(2)} without looking at them, so any two bytes end a chunk. RFC 9112 section 7.1 says {@code
 * chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF} and {@code chunk-size = 1*HEXDIG}; a server
 * that reads a chunked body otherwise than a proxy in front of it can be sent a request the two
 * disagree on. This reader holds Helidon to the grammar: a chunk line (a size, or the empty line after
 * the last chunk, the only calls of {@code readLine} in Helidon's HTTP/1.1) is at most {@value
 * #MAX_CHUNK_LINE} hexadecimal digits, a chunk's data must be followed by CRLF, and the chunks of one
 * body are at most the body limit together (Helidon keeps the sum in an {@code int}, where {@code
 * FFFFFFFF} is -1). What breaks a rule is thrown as Helidon's own chunk-size errors are, so the request
 * is answered 400 (413 for the size) and its connection closed ({@code RequestBody}, {@code
 * UnreadBodyFilter}); and nothing more is read from that connection, also where no route reads the
 * body (see {@link #beforeRead()}).
 *
 * <p>Its chunks are read through a {@link RenewingDataReader}, which keeps a long-lived connection's
 * bytes out of the old generation. Not thread-safe, as Helidon's reader is not: one connection's
 * thread reads.
 */
final class FramingReader extends RenewingDataReader {
    /** Longest chunk line: a size of 64 KiB (the largest body) needs 5 digits, the rest is leading zeros. */
    static final int MAX_CHUNK_LINE = 32;

    /** The one header whose value Helidon reads with {@link #readBytes(int)}, as its fast path matches it. */
    private static final byte[] CONNECTION_NAME = "Connection:".getBytes(StandardCharsets.US_ASCII);

    /** A chunk size above zero was read: its data comes next. */
    private boolean chunkDataNext;

    /** The data of a chunk was read: its CRLF comes next. */
    private boolean chunkEndNext;

    /** A header name and its colon were stepped over: its value comes next. */
    private boolean headerValueNext;

    /** The sizes of the chunks of the body being read, so far; a refused body ends the connection. */
    private long bodySoFar;

    /** Why the framing was refused, once it was; from then on nothing more is read. */
    private String refusal;

    FramingReader(Supplier<byte[]> bytes) {
        super(bytes);
    }

    /**
     * Helidon reads a whole request line with this call and hands its method to {@code Method.create},
     * whose refusal of a method that is no token (RFC 9110 section 9.1: {@code method = token}) escapes as
     * an internal error: a 500 and a logged stack trace for thirty bytes of garbage. A request line whose
     * method is no token is refused here as the bad request it is, and so is one with a lowercase letter
     * (see {@link #startsWithAnUppercaseToken}).
     *
     * <p>The only other caller is Helidon's parser of a {@code Connection} header, for the value after
     * the name's colon; a request line follows a line end, never a colon, which is how the two are told
     * apart (see {@link #skip(int)}).
     */
    @Override
    public byte[] readBytes(int length) {
        boolean headerValue = headerValueNext;
        headerValueNext = false;
        byte[] bytes = super.readBytes(length);
        if (!headerValue && !startsWithAnUppercaseToken(bytes)) {
            throw refuse(RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.BAD_REQUEST_400)
                    .message("the request line's method is not a token without lowercase letters")
                    .build());
        }
        return bytes;
    }

    /**
     * One or more tchar (RFC 9110 section 5.6.2) but no lowercase letter, then a space. A method is
     * case-sensitive (section 9.1), but Helidon 4.5's {@code Method.create} upper-cases it: {@code post}
     * would be served as {@code POST}, behind a proxy or firewall that has a rule for {@code POST} and
     * lets an unknown method through. No method Gatehouse serves has a lowercase letter.
     */
    private static boolean startsWithAnUppercaseToken(byte[] line) {
        int i = 0;
        while (i < line.length && isTchar(line[i]) && !(line[i] >= 'a' && line[i] <= 'z')) {
            i++;
        }
        return i > 0 && i < line.length && line[i] == ' ';
    }

    private static boolean isTchar(byte b) {
        return b >= 'a' && b <= 'z'
                || b >= 'A' && b <= 'Z'
                || b >= '0' && b <= '9'
                || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    @Override
    public String readLine() {
        int end = findNewLine(MAX_CHUNK_LINE + 1);
        if (end > MAX_CHUNK_LINE) {
            throw refuse(new NumberFormatException("a chunk line longer than " + MAX_CHUNK_LINE + " bytes"));
        }
        String line = readAsciiString(end);
        super.skip(2);
        long size = 0;
        for (int i = 0; i < line.length(); i++) {
            int digit = hexDigit(line.charAt(i));
            if (digit < 0) {
                throw refuse(new NumberFormatException("a chunk line that is not a hexadecimal size"));
            }
            // 32 digits cannot overflow once the sum is capped: stop counting past the limit
            size = Math.min(size * 16 + digit, GatehouseRouting.MAX_PAYLOAD_BYTES + 1);
        }
        bodySoFar = size == 0 ? 0 : bodySoFar + size;
        if (bodySoFar > GatehouseRouting.MAX_PAYLOAD_BYTES) {
            throw refuse(RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.REQUEST_ENTITY_TOO_LARGE_413)
                    .setKeepAlive(false)
                    .message("a chunked body larger than " + GatehouseRouting.MAX_PAYLOAD_BYTES + " bytes")
                    .build());
        }
        chunkDataNext = size > 0;
        return line;
    }

    /** An ASCII hexadecimal digit's value (RFC 5234 HEXDIG, either case), or -1. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    @Override
    public BufferData readBuffer(int length) {
        BufferData data = super.readBuffer(length);
        if (chunkDataNext) {
            chunkDataNext = false;
            chunkEndNext = true;
        }
        return data;
    }

    /**
     * Also notes whether what comes next is a header's value: Helidon steps over a header name's colon
     * with {@code skip(1)}, or over the whole of {@code Connection:} at once, before reading the value.
     */
    @Override
    public void skip(int length) {
        if (chunkEndNext) {
            chunkEndNext = false;
            if (length != 2 || !startsWithNewLine()) {
                throw refuse(new IncorrectNewLineException("the data of a chunk is not followed by CRLF"));
            }
        }
        headerValueNext =
                length == 1 && lookup() == ':' || length == CONNECTION_NAME.length && startsWith(CONNECTION_NAME);
        super.skip(length);
    }

    /**
     * Once a rule is broken, nothing more is read from the connection: where the next chunk or request
     * would start is no longer known. Helidon 4.5 goes on reading after a refused chunk of a body no
     * route read (it drains the body when its stream closes), and took the refused chunk's data for the
     * next size line, then waited for that many bytes until the idle timeout.
     */
    @Override
    void beforeRead() {
        if (refusal != null) {
            throw new IncorrectNewLineException("the connection's framing was refused: " + refusal);
        }
    }

    private <T extends RuntimeException> T refuse(T refused) {
        refusal = refused.getMessage();
        return refused;
    }
}
