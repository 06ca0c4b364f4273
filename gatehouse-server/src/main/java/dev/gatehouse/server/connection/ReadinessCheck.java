package dev.gatehouse.server.connection;

/**
 * One line of {@code /health/ready}: whether this part lets the node be ready, and what it says, as
 * the store's does ({@code "UP"}, {@code "DOWN (…)"}).
 */
public record ReadinessCheck(boolean up, String detail) {
    static ReadinessCheck up(String why) {
        return new ReadinessCheck(true, why.isEmpty() ? "UP" : "UP (" + why + ")");
    }

    static ReadinessCheck down(String why) {
        return new ReadinessCheck(false, "DOWN (" + why + ")");
    }
}
