package dev.gatehouse.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /health/ready} reports: ready when the system of record answers and the server accepts
 * connections with file descriptors to spare; the details name each part, including optional ones
 * (Redis) whose absence makes the node slower, not unready.
 */
public record Readiness(boolean ready, Map<String, String> checks) {
    public Readiness {
        checks = Map.copyOf(checks);
    }

    /** Ready when both are; the checks of both, this one's first. */
    public Readiness and(Readiness other) {
        Map<String, String> both = new LinkedHashMap<>(checks);
        both.putAll(other.checks);
        return new Readiness(ready && other.ready, both);
    }
}
