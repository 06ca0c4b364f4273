package dev.gatehouse.server.http;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Query parameters read one way everywhere: a missing one falls back, a bad or repeated one is a 400
 * naming it (with two, which one counts would be a guess: {@code after=1&after=4} resumed from 2).
 */
final class QueryParameters {
    private final ServerRequest request;

    private QueryParameters(ServerRequest request) {
        this.request = request;
    }

    static QueryParameters of(ServerRequest request) {
        return new QueryParameters(request);
    }

    Optional<String> text(String name, int maxLength) {
        Optional<String> value = single(name);
        if (value.isPresent() && value.get().length() > maxLength) {
            throw new ProblemException(Problem.invalidRequest(name + " is at most " + maxLength + " characters."));
        }
        return value;
    }

    private Optional<String> single(String name) {
        if (request.query().contains(name) && request.query().all(name).size() > 1) {
            throw new ProblemException(Problem.invalidRequest(name + " may appear only once."));
        }
        return request.query().first(name).asOptional();
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    long number(String name, long min, long max, long fallback) {
        return number(single(name), name, min, max, fallback);
    }

    int number(String name, int min, int max, int fallback) {
        return (int) number(name, (long) min, max, fallback);
    }

    /** An ISO-8601 instant from 1970 to 9999: the years a stored millisecond can hold without overflow. */
    Optional<Instant> instant(String name) {
        return instant(single(name), name);
    }

    /** The same rule for text from anywhere: absent is empty, a bad one is a 400 naming it. */
    static Optional<Instant> instant(Optional<String> text, String name) {
        return text.map(raw -> {
            try {
                Instant instant = Instant.parse(raw);
                if (StoredTime.holds(instant)) {
                    return instant;
                }
            } catch (DateTimeParseException e) {
                // answered below
            }
            throw new ProblemException(Problem.invalidRequest(
                    name + " must be an ISO-8601 instant from 1970 to 9999, like 2026-01-31T12:00:00Z."));
        });
    }

    /**
     * A number's one spelling: ASCII digits without a sign or leading zeros. {@link Long#parseLong} alone
     * also takes a sign, any script's digits ("١٢" was read as 12) and "-0", so one number had many.
     */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");

    /** The same rule for a number from elsewhere in the request (a header such as {@code Last-Event-ID}). */
    static long number(Optional<String> raw, String name, long min, long max, long fallback) {
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            if (WHOLE_NUMBER.matcher(raw.get()).matches()) {
                long value = Long.parseLong(raw.get());
                if (value >= min && value <= max) {
                    return value;
                }
            }
        } catch (NumberFormatException e) {
            // 19 digits past Long.MAX_VALUE: answered below
        }
        throw new ProblemException(
                Problem.invalidRequest(name + " must be a whole number from " + min + " to " + max + "."));
    }
}
