package dev.gatehouse.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * An error answered while the request body is not read to its end closes the connection, for real:
 * the unread bytes are never parsed as a request of their own (request smuggling).
 *
 * <p>Helidon 4.5 writes {@code Connection: close} on such a response (a body over the limit, for one)
 * but then goes on reading the connection for the next request, starting wherever the refused body
 * stopped. Only a {@link CloseConnectionException} ends its connection loop. RFC 9112 section 9.6: a
 * server that sends "close" must close the connection after that response; section 6.3: when framing
 * is in doubt, close.
 *
 * <p>A body read to its end, or one with no error answered, keeps the connection: its framing is
 * known, and Helidon discards an unread remainder of a well-framed body (closing if that fails).
 *
 * <p>An answer to {@code HEAD} closes the connection too. No route answers {@code HEAD}, so its answer
 * is a problem (404, 405, ...), and Helidon 4.5 sends its body although RFC 9110 section 9.3.2 forbids
 * content in an answer to {@code HEAD}: a client, which reads no body after {@code HEAD}, would take
 * those bytes for the start of the answer to its next request on the connection.
 */
final class UnreadBodyFilter implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!request.prologue().protocolVersion().startsWith("1.")) {
            chain.proceed(); // HTTP/2 frames its streams itself
            return;
        }
        boolean head = request.prologue().method() == Method.HEAD;
        response.beforeSend(() -> {
            if (head || (response.status().code() >= 400 && !request.content().consumed())) {
                response.header(HeaderValues.CONNECTION_CLOSE);
            }
        });
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            throw e;
        } catch (RuntimeException e) {
            // Escaped the error handlers, so it may yet be answered without closing; with unread bytes
            // behind it, closing unanswered is the safe side.
            if (!request.content().consumed()) {
                throw new CloseConnectionException("request failed with its body unread", e);
            }
            throw e;
        }
        if (response.isSent() && response.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            throw new CloseConnectionException("response sent with Connection: close");
        }
    }
}
