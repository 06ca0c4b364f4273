package dev.gatehouse.server.http;

import java.util.Map;

/**
 * What {@code /health/ready} reports: ready when the system of record answers; the details name
 * each part, including optional ones (Redis) whose absence makes the node slower, not unready.
 */
public record Readiness(boolean ready, Map<String, String> checks) {
    public Readiness {
        checks = Map.copyOf(checks);
    }
}
