package dev.gatehouse.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.DirectHandlers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Problem responses for requests the server refuses before routing (a malformed request line, headers
 * or body too large). Helidon's own answers would be plain text that may echo the request.
 */
final class TransportErrors {
    /**
     * A well-formed version at the end of what Helidon 4.5 hands on as the version of a refused request
     * line: the line read, then "/" ({@code GET / HTTP/9.9/}); of a parsed one, the version alone.
     */
    private static final Pattern WELL_FORMED_VERSION = Pattern.compile("(?:^|\\s)HTTP/([0-9]\\.[0-9])/?$");

    private TransportErrors() {}

    static DirectHandlers handlers(HttpIo io, long maxPayloadBytes) {
        DirectHandler handler = (request, eventType, status, headers, message) ->
                respond(io, statusFor(request.protocolVersion(), status.code()), maxPayloadBytes);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    /**
     * The status to answer with. Helidon refuses every version but 1.1 and 1.0 as a malformed request
     * line (400), but RFC 9110 section 15.6.6 has 505 for a version the server does not support, and
     * RFC 9112 section 2.3 makes "HTTP/" DIGIT "." DIGIT well formed: so {@code HTTP/9.9} gets 505, as
     * {@code HTTP/1.0} does, while {@code HTTP/1.10} stays a malformed 400.
     */
    static int statusFor(String protocolVersion, int status) {
        if (status != 400) {
            return status;
        }
        Matcher version = WELL_FORMED_VERSION.matcher(protocolVersion);
        return version.find() && !version.group(1).equals("1.1") ? 505 : 400;
    }

    private static DirectHandler.TransportResponse respond(HttpIo io, int status, long maxPayloadBytes) {
        Problem problem = switch (status) {
            case 413 -> Problem.payloadTooLarge(maxPayloadBytes);
            case 431 -> Problem.headersTooLarge();
            case 414 -> Problem.of(ProblemType.URI_TOO_LONG, "The request target is too long.");
            case 505 -> Problem.of(ProblemType.HTTP_VERSION_NOT_SUPPORTED, "Use HTTP/1.1.");
            // RFC 9112 section 6.1: a transfer coding the server does not understand "SHOULD" get a 501.
            // Helidon answers 501 only for that: a coding under the final chunked (gzip, chunked).
            case 501 ->
                Problem.of(
                        ProblemType.TRANSFER_CODING_NOT_IMPLEMENTED,
                        "Transfer codings other than chunked are not implemented; send the body chunked only.");
            default ->
                status >= 500
                        ? Problem.internalError()
                        : Problem.of(ProblemType.BAD_REQUEST, status, "The request is malformed.");
        };
        ServerResponseHeaders headers = ServerResponseHeaders.create();
        SecurityHeaders.applyTo((name, value) -> headers.set(name, value));
        headers.set(HeaderNames.CONTENT_TYPE, HttpIo.PROBLEM_JSON);
        return DirectHandler.TransportResponse.builder()
                .status(StatusLine.of(problem.status()))
                .headers(headers)
                .entity(io.problemBody(problem))
                .build();
    }
}
