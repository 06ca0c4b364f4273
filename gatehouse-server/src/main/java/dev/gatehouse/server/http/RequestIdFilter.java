package dev.gatehouse.server.http;

import dev.gatehouse.server.config.TrustedProxies;
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
 * The first filter: gives the request its id (a trusted proxy's {@code X-Request-Id} when it is short
 * and safe, a fresh one otherwise), echoes it in the response, and holds it as the thread's request id
 * until the request is done, so every line logged for the request carries it.
 *
 * <p>Only a proxy of {@code GATEHOUSE_TRUSTED_PROXIES} may name the id: a client that could would file
 * its requests under another request's id, or under one id for many, and muddle the one thing an
 * operator follows through the logs of an incident.
 */
final class RequestIdFilter implements Filter {
    private static final HeaderName HEADER = HeaderNames.create(RequestIds.HEADER);

    private final TrustedProxies trustedProxies;

    RequestIdFilter(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        // Sent twice, it is no one id: start afresh rather than pick one.
        Optional<String> incoming = request.headers()
                .find(HEADER)
                .filter(h -> h.valueCount() == 1)
                .filter(h -> trustedProxies.contains(ClientAddresses.peer(request)))
                .map(Header::get);
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
