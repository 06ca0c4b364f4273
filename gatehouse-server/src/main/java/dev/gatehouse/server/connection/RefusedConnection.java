package dev.gatehouse.server.connection;

import dev.gatehouse.server.http.ProblemType;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A connection past the caps while every connection under them is busy: it is answered 503 at once,
 * before its request is read, and closed, so that the client hears "come back" instead of waiting.
 * A client that has already sent its request may see the connection reset instead.
 */
final class RefusedConnection implements ServerConnection {
    private static final byte[] ANSWER = answer();

    private final ConnectionContext ctx;

    RefusedConnection(ConnectionContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handle(Limit limit) {
        try {
            ctx.dataWriter().writeNow(BufferData.create(ANSWER));
        } catch (RuntimeException e) {
            // gone already: nothing more to tell it
        }
    }

    @Override
    public Duration idleTime() {
        return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        // ends by itself as soon as the answer is written
    }

    private static byte[] answer() {
        ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
        String body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":503,"
                + "\"detail\":\"The server holds as many connections as it may; try again shortly.\"}";
        String head = "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: application/problem+json\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Retry-After: 1\r\n"
                + "Cache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Connection: close\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }
}
