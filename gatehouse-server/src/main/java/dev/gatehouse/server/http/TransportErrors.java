package dev.gatehouse.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Problem responses for requests the server refuses before routing (a malformed request line, headers
 * or body too large). Helidon's own answers would be plain text that may echo the request.
 */
final class TransportErrors {
    private TransportErrors() {}

    static DirectHandlers handlers(HttpIo io, long maxPayloadBytes) {
        DirectHandler handler = (request, eventType, status, headers, message) -> respond(io, status, maxPayloadBytes);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static DirectHandler.TransportResponse respond(HttpIo io, Status status, long maxPayloadBytes) {
        Problem problem = switch (status.code()) {
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
                status.code() >= 500
                        ? Problem.internalError()
                        : Problem.of(ProblemType.BAD_REQUEST, status.code(), "The request is malformed.");
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
