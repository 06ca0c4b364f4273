package dev.gatehouse.server.metrics;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request that reaches the routing, by route template, method and status class:
 * {@code gatehouse_http_server_requests_seconds}. Connections the guard refuses before any routing
 * (its 503s, framing errors) are not requests here.
 */
public final class RequestMeters implements Filter {
    static final String NAME = "gatehouse.http.server.requests";

    /** From a cached JWKS answer (~0.1 ms) to a hash queue at its worst and a slow store (10 s). */
    static final Duration[] BUCKETS = {
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofNanos(2_500_000),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    /** Labels are a bounded set, so this stays small; it saves a registry look-up per request. */
    private final ConcurrentMap<RequestLabels, Timer> timers = new ConcurrentHashMap<>();

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            // After the chain: the route that matched and the status it (or an error handler) set.
            RequestLabels labels = RequestLabels.of(
                    request.matchingPattern(),
                    request.prologue().method().text(),
                    response.status().code());
            timers.computeIfAbsent(labels, this::timer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(RequestLabels labels) {
        return Timer.builder(NAME)
                .description("HTTP requests by route template, method and status class")
                .tags("route", labels.route(), "method", labels.method(), "status", labels.status())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
