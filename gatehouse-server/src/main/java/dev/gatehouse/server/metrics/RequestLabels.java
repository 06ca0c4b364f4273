package dev.gatehouse.server.metrics;

import java.util.Optional;
import java.util.Set;

/**
 * The labels of one request: its route template, method and status class. Each comes from a small
 * fixed set, never from what the client wrote, so a client cannot make Prometheus store a series per
 * token, id or made-up path.
 *
 * @param route the route template that handled it ({@code /admin/v1/users/{id}}), or {@link #UNMATCHED}
 * @param method a standard method, or {@code other}
 * @param status {@code 2xx}, {@code 4xx} …, or {@code other}
 */
record RequestLabels(String route, String method, String status) {
    /**
     * What no route handled: unknown paths, and requests answered before routing (refused headers, CORS
     * preflights).
     */
    static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * @param matchedPattern the pattern Helidon matched: a template from our own route table, empty (or
     *     blank, for the catch-all 404) when none matched
     */
    static RequestLabels of(Optional<String> matchedPattern, String method, int status) {
        String route = matchedPattern.filter(pattern -> pattern.startsWith("/")).orElse(UNMATCHED);
        return new RequestLabels(route, METHODS.contains(method) ? method : "other", statusClass(status));
    }

    static String statusClass(int status) {
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
    }
}
