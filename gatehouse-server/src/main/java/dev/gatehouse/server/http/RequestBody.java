package dev.gatehouse.server.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;

/**
 * The raw bytes of a request body. Whatever goes wrong while the web server reads them (a body over the
 * limit, a chunk size that is not one, a body cut short) becomes a 4xx problem, never a 500: the bytes
 * came from the client. {@link UnreadBodyFilter} then closes the connection, since the body was not
 * read to its end.
 */
final class RequestBody {
    private RequestBody() {}

    static byte[] read(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try {
            return request.content().as(byte[].class);
        } catch (RequestException e) {
            // Too large (413), or a chunk size Helidon itself refused.
            throw new ProblemException(problemFor(e));
        } catch (IllegalArgumentException | DataReader.IncorrectNewLineException e) {
            // Helidon 4.5 parses a chunk size with Integer.parseUnsignedInt, so "zz" or a size beyond
            // 32 bits escapes as a NumberFormatException (RFC 9112 section 7.1: chunk-size = 1*HEXDIG).
            throw new ProblemException(malformed("The chunked framing of the body is malformed."));
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new ProblemException(malformed("The body ended before its declared end."));
        }
    }

    /** The problem for a request the web server refused while reading it. */
    static Problem problemFor(RequestException e) {
        int status = e.status().code();
        if (status == 413) {
            return Problem.payloadTooLarge(GatehouseRouting.MAX_PAYLOAD_BYTES);
        }
        if (status == 431) {
            return Problem.headersTooLarge();
        }
        return status < 500
                ? Problem.of(ProblemType.BAD_REQUEST, status, "The request is malformed.")
                : Problem.internalError();
    }

    private static Problem malformed(String detail) {
        return Problem.of(ProblemType.BAD_REQUEST, detail);
    }
}
