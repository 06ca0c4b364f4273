package dev.gatehouse.server.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as pages show them: to the minute, in UTC, and saying so ("2 Dec 2026, 05:34 UTC"). */
public final class PageDates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private PageDates() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
