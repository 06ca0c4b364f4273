package dev.gatehouse.server.http;

import dev.gatehouse.server.logging.RequestIds;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The first filter: gives the request its id (a proxy's {@code X-Request-Id} when it is short and safe,
 * a fresh one otherwise), echoes it in the response, and holds it as the thread's request id until the
 * request is done, so every line logged for the request carries it.
 */
final class RequestIdFilter implements Filter {
    private static final HeaderName HEADER = HeaderNames.create(RequestIds.HEADER);

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        // Sent twice, it is no one id: start afresh rather than pick one.
        Optional<String> incoming =
                request.headers().find(HEADER).filter(h -> h.valueCount() == 1).map(Header::get);
        String id = RequestIds.acceptOrCreate(incoming);
        response.header(HEADER, id);
        // Error handlers run after the chain has unwound; they find the id here.
        request.context().register(RequestIdFilter.class, id);
        RequestIds.during(id, chain::proceed);
    }

    /** Runs {@code work} (an error handler's logging) under the id of {@code request}, if it was given one. */
    static void within(ServerRequest request, Runnable work) {
        request.context()
                .get(RequestIdFilter.class, String.class)
                .ifPresentOrElse(id -> RequestIds.during(id, work), work);
    }
}
