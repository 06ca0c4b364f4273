package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
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
 * Except after {@code Expect: 100-continue}: when no {@code 100 Continue} went out, Helidon 4.5 takes
 * it that the body will never come and discards nothing, but RFC 9110 section 10.1.1 lets a client
 * send it anyway (and a proxy in front forwards it), and an outside attack had a request hidden in
 * such a body answered as the next one. An answer to a request with an {@code Expect} header whose
 * body is unread closes the connection, whatever its status.
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
            // The Expect header is looked up only for the few answers given with the body unread.
            if (head
                    || (!request.content().consumed()
                            && (response.status().code() >= 400
                                    || request.headers().contains(HeaderNames.EXPECT)))) {
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
