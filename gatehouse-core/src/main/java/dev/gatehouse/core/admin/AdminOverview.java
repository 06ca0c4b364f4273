package dev.gatehouse.core.admin;

import java.time.Instant;
import java.util.List;

/**
 * The admin dashboard's numbers, counted at {@code at}.
 *
 * @param liveSessions browser and app sessions not yet at their absolute end
 * @param logins successful sign-ins (every door: page, API, app)
 * @param failedLogins refused sign-ins, for any reason
 * @param reuseDetections replayed refresh tokens, each of which ended a login
 * @param rateLimited requests refused by a rate limit
 * @param loginsPerHour successful sign-ins in each of the last {@link #HOURS} clock hours, oldest first; the
 *     last is the hour under way
 */
public record AdminOverview(
        Instant at,
        long accounts,
        long liveSessions,
        Window logins,
        Window failedLogins,
        Window reuseDetections,
        Window rateLimited,
        List<HourCount> loginsPerHour) {
    public static final int HOURS = 24;

    public AdminOverview {
        loginsPerHour = List.copyOf(loginsPerHour);
    }

    /** A count over the last hour and over the last day (which includes that hour). */
    public record Window(long lastHour, long lastDay) {}

    /** Events in the clock hour that starts at {@code start}. */
    public record HourCount(Instant start, long count) {}
}
