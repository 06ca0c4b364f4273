package dev.gatehouse.server.http;

import java.time.Instant;

/**
 * The instants a filter on stored times may name: 1970 to 9999, the years a stored millisecond holds
 * without overflow. One rule for the API's query parameters and the admin pages' forms (a page that
 * took any year answered 500 for +999999999).
 */
public final class StoredTime {
    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");

    private StoredTime() {}

    public static boolean holds(Instant instant) {
        return !instant.isBefore(Instant.EPOCH) && instant.isBefore(YEAR_10000);
    }
}
