package dev.gatehouse.server.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
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
 * #MAX_CHUNK_LINE} hexadecimal digits, and a chunk's data must be followed by CRLF. What breaks either
 * rule is thrown as Helidon's own chunk-size errors are, so the request is answered 400 and its
 * connection closed ({@code RequestBody}, {@code UnreadBodyFilter}).
 *
 * <p>Its chunks are read through a {@link RenewingDataReader}, which keeps a long-lived connection's
 * bytes out of the old generation. Not thread-safe, as Helidon's reader is not: one connection's
 * thread reads.
 */
final class FramingReader extends RenewingDataReader {
    /** Longest chunk line: a size of 64 KiB (the largest body) needs 5 digits, the rest is leading zeros. */
    static final int MAX_CHUNK_LINE = 32;

    /** A chunk size above zero was read: its data comes next. */
    private boolean chunkDataNext;

    /** The data of a chunk was read: its CRLF comes next. */
    private boolean chunkEndNext;

    FramingReader(Supplier<byte[]> bytes) {
        super(bytes);
    }

    /**
     * Helidon reads a whole request line with this call and hands its method to {@code Method.create},
     * whose refusal of a method that is no token (RFC 9110 section 9.1: {@code method = token}) escapes as
     * an internal error: a 500 and a logged stack trace for thirty bytes of garbage. A request line whose
     * method is no token is refused here as the bad request it is. (The only other caller, the parser of
     * a {@code Connection} header value, reads no request line.)
     */
    @Override
    public byte[] readBytes(int length) {
        byte[] bytes = super.readBytes(length);
        if (isRequestLine(bytes) && !startsWithAToken(bytes)) {
            throw RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.BAD_REQUEST_400)
                    .message("the request line's method is not a token")
                    .build();
        }
        return bytes;
    }

    /** Ends with " HTTP/" and a version: the shape of a request line, which no header value has. */
    private static boolean isRequestLine(byte[] line) {
        int n = line.length;
        if (n < 9) {
            return false;
        }
        String tail = new String(line, n - 9, 9, java.nio.charset.StandardCharsets.ISO_8859_1);
        return tail.startsWith(" HTTP/") && Character.isDigit(tail.charAt(6)) && Character.isDigit(tail.charAt(8));
    }

    /** One or more tchar (RFC 9110 section 5.6.2), then a space. */
    private static boolean startsWithAToken(byte[] line) {
        int i = 0;
        while (i < line.length && isTchar(line[i])) {
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
            throw new NumberFormatException("a chunk line longer than " + MAX_CHUNK_LINE + " bytes");
        }
        String line = readAsciiString(end);
        super.skip(2);
        boolean nonZero = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new NumberFormatException("a chunk line that is not a hexadecimal size");
            }
            nonZero |= c != '0';
        }
        chunkDataNext = nonZero;
        return line;
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

    @Override
    public void skip(int length) {
        if (chunkEndNext) {
            chunkEndNext = false;
            if (length != 2 || !startsWithNewLine()) {
                throw new IncorrectNewLineException("the data of a chunk is not followed by CRLF");
            }
        }
        super.skip(length);
    }
}
