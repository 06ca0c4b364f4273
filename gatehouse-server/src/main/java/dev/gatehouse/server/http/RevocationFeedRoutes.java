package dev.gatehouse.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
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
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The revocation feed for verifiers, authenticated as a resource server: {@code GET /v1/revocations}
 * pages after a cursor; {@code GET /v1/revocations/stream} pushes entries as Server-Sent Events,
 * resumable with {@code Last-Event-ID}, with a heartbeat comment while idle.
 */
final class RevocationFeedRoutes {
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Streams end after this long so proxies and clients re-connect (and re-authenticate) now and then. */
    static final Duration MAX_STREAM = Duration.ofMinutes(30);
    /** Open streams per node; a verifier instance needs one, so this is hundreds of services. */
    static final int MAX_STREAMS = 500;
    /** Open streams per resource server: its instances (replicas, pods) each follow the feed. */
    static final int MAX_STREAMS_PER_CLIENT = 50;

    private static final int DEFAULT_PAGE = 500;

    private final RevocationFeed feed;
    private final ClientService clients;
    private final ClientAuthentication clientAuthentication;
    private final JsonCodec json;
    private final HttpIo io;
    private final RevocationStreams streams;
    private final StreamSlots slots;

    RevocationFeedRoutes(ApiServices services, ClientAuthentication clientAuthentication, JsonCodec json, HttpIo io) {
        this.feed = services.revocationFeed();
        this.clients = services.clients();
        this.streams = services.revocationStreams();
        this.slots = streams.slots;
        this.clientAuthentication = clientAuthentication;
        this.json = json;
        this.io = io;
    }

    /** One entry on the wire: {@code sid} for a session, {@code jti} for a single token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(
            long cursor, @Nullable String sid, @Nullable String jti, String revokedAt, String expiresAt) {
        static Entry of(Revocation entry) {
            boolean session = entry.kind() == RevokedKind.SESSION;
            return new Entry(
                    entry.cursor(),
                    session ? entry.id() : null,
                    session ? null : entry.id(),
                    entry.revokedAt().toString(),
                    entry.expiresAt().toString());
        }
    }

    record Page(List<Entry> revocations, long nextCursor, boolean hasMore) {}

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/revocations/stream").get(this::stream).register(routing, io);
        Route.at("/v1/revocations").get(this::page).register(routing, io);
    }

    private void page(ServerRequest request, ServerResponse response) {
        clientAuthentication.authenticateResourceServer(request);
        QueryParameters query = QueryParameters.of(request);
        long after = query.number("after", 0L, Long.MAX_VALUE, 0L);
        // A larger page than the feed serves is asked for often enough (a verifier catching up) to clamp it.
        int limit = (int) Math.min(RevocationFeed.MAX_PAGE, query.number("limit", 1L, Long.MAX_VALUE, DEFAULT_PAGE));
        List<Revocation> entries = feed.after(after, limit);
        io.json(
                response,
                200,
                new Page(
                        entries.stream().map(Entry::of).toList(),
                        entries.isEmpty() ? after : entries.getLast().cursor(),
                        entries.size() == limit));
    }

    /** Ends when the server stops, after {@link #MAX_STREAM}, or as soon as its client is deleted. */
    private void stream(ServerRequest request, ServerResponse response) throws InterruptedException {
        Client client = clientAuthentication.authenticateResourceServer(request);
        if (!slots.take(client.id().value())) {
            throw Throttle.tooManyRequests(Duration.ofSeconds(30));
        }
        try {
            streamTo(client, request, response);
        } finally {
            slots.release(client.id().value());
        }
    }

    private void streamTo(Client client, ServerRequest request, ServerResponse response) throws InterruptedException {
        // Named as the client sent it, so that a refusal points at the part of the request to mend.
        Optional<String> lastEventId = request.headers().first(HeaderNames.create("Last-Event-ID"));
        long cursor = lastEventId.isPresent()
                ? QueryParameters.number(lastEventId, "Last-Event-ID", 0, Long.MAX_VALUE, 0)
                : QueryParameters.of(request).number("after", 0L, Long.MAX_VALUE, 0L);
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        long endAt = System.nanoTime() + MAX_STREAM.toNanos();
        try (OutputStream out = response.outputStream()) {
            write(out, "retry: 1000\n\n");
            while (!feed.isClosed() && System.nanoTime() < endAt && stillRegistered(client)) {
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
                            .append(new String(json.write(Entry.of(entry)), StandardCharsets.UTF_8))
                            .append("\n\n");
                    cursor = entry.cursor();
                }
                write(out, events.toString());
                entries.forEach(streams::pushed);
            }
        } catch (IOException | UncheckedIOException e) {
            // The verifier went away; it will resume from its last event id.
        }
    }

    /** The very client that opened the stream: not deleted, and not deleted and registered again. */
    private boolean stillRegistered(Client client) {
        return clients.registeredSince(client.id().value())
                .filter(client.createdAt()::equals)
                .isPresent();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
