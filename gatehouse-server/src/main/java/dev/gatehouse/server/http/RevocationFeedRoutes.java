package dev.gatehouse.server.http;

import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.revocation.RevokedKind;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The revocation feed for verifiers, authenticated as a resource server: {@code GET /v1/revocations}
 * pages after a cursor; {@code GET /v1/revocations/stream} pushes entries as Server-Sent Events,
 * resumable with {@code Last-Event-ID}, with a heartbeat comment while idle.
 */
final class RevocationFeedRoutes {
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Streams end after this long so proxies and clients re-connect (and re-authenticate) now and then. */
    static final Duration MAX_STREAM = Duration.ofMinutes(30);

    private static final int DEFAULT_PAGE = 500;

    private final RevocationFeed feed;
    private final ClientAuthentication clients;
    private final JsonCodec json = new JsonCodec();
    private final HttpIo io;

    RevocationFeedRoutes(ApiServices services, HttpIo io) {
        this.feed = services.revocationFeed();
        this.clients = new ClientAuthentication(services.clients());
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/v1/revocations/stream", this::stream);
        MethodGuard.allowOnly(routing, "/v1/revocations/stream", "GET", io);
        routing.get("/v1/revocations", this::page);
        MethodGuard.allowOnly(routing, "/v1/revocations", "GET", io);
    }

    private void page(ServerRequest request, ServerResponse response) {
        clients.authenticateServer(request);
        long after = number(request.query().first("after").asOptional(), "after");
        int limit = (int) Math.min(
                RevocationFeed.MAX_PAGE, number(request.query().first("limit").asOptional(), "limit", DEFAULT_PAGE));
        List<Revocation> entries = feed.after(after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("revocations", entries.stream().map(RevocationFeedRoutes::view).toList());
        body.put("next_cursor", entries.isEmpty() ? after : entries.getLast().cursor());
        body.put("has_more", entries.size() == limit);
        io.json(response, 200, body);
    }

    private void stream(ServerRequest request, ServerResponse response) throws InterruptedException {
        clients.authenticateServer(request);
        long cursor = number(
                request.headers()
                        .first(HeaderNames.create("Last-Event-ID"))
                        .or(() -> request.query().first("after").asOptional()),
                "Last-Event-ID");
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        long endAt = System.nanoTime() + MAX_STREAM.toNanos();
        try (OutputStream out = response.outputStream()) {
            write(out, "retry: 1000\n\n");
            while (!feed.isClosed() && System.nanoTime() < endAt) {
                long seen = feed.appendCount();
                List<Revocation> entries = feed.after(cursor, RevocationFeed.MAX_PAGE);
                if (entries.isEmpty()) {
                    feed.awaitAppend(seen, HEARTBEAT);
                    entries = feed.after(cursor, RevocationFeed.MAX_PAGE);
                }
                if (entries.isEmpty()) {
                    write(out, ": heartbeat\n\n");
                    continue;
                }
                StringBuilder events = new StringBuilder();
                for (Revocation entry : entries) {
                    events.append("id: ")
                            .append(entry.cursor())
                            .append("\nevent: revocation\ndata: ")
                            .append(new String(json.write(view(entry)), StandardCharsets.UTF_8))
                            .append("\n\n");
                    cursor = entry.cursor();
                }
                write(out, events.toString());
            }
        } catch (IOException | UncheckedIOException e) {
            // The verifier went away; it will resume from its last event id.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> view(Revocation entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cursor", entry.cursor());
        m.put(entry.kind() == RevokedKind.SESSION ? "sid" : "jti", entry.id());
        m.put("revoked_at", entry.revokedAt().toString());
        m.put("expires_at", entry.expiresAt().toString());
        return m;
    }

    private static long number(Optional<String> raw, String name) {
        return number(raw, name, 0);
    }

    private static long number(Optional<String> raw, String name, long fallback) {
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get().strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.invalidRequest("'" + name + "' must be a whole number of 0 or more."));
    }
}
