package dev.gatehouse.server.config;

import java.time.Duration;
import java.util.Map;

/** A duration from {@code min} to {@code max}, both included, written as {@link DurationText} reads it. */
record DurationRange(Duration min, Duration max) implements ValueType<Duration> {

    @Override
    public Parsed<Duration> parse(String text) {
        var parsed = DurationText.parse(text);
        if (parsed.isPresent()
                && parsed.get().compareTo(min) >= 0
                && parsed.get().compareTo(max) <= 0) {
            return Parsed.accepted(parsed.get());
        }
        return Parsed.refused("must be a duration from %s to %s (like 90s, 30m, 8h, 7d or PT30M)"
                .formatted(DurationText.format(min), DurationText.format(max)));
    }

    @Override
    public String show(Duration value) {
        return DurationText.format(value);
    }

    @Override
    public Map<String, String> terms() {
        String from = DurationText.format(min);
        String to = DurationText.format(max);
        return Map.of("min", from, "max", to, "range", from + " to " + to);
    }
}
