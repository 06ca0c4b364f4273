package dev.gatehouse.server.config;

import java.util.Map;
import java.util.OptionalInt;

/** A whole number from {@code min} to {@code max}, both included. */
record WholeNumber(int min, int max) implements ValueType<Integer> {

    @Override
    public Parsed<Integer> parse(String text) {
        OptionalInt value = DecimalText.parse(text);
        if (value.isPresent() && value.getAsInt() >= min && value.getAsInt() <= max) {
            return Parsed.accepted(value.getAsInt());
        }
        return Parsed.refused("must be a whole number from %d to %d".formatted(min, max));
    }

    @Override
    public String show(Integer value) {
        return value.toString();
    }

    @Override
    public Map<String, String> terms() {
        return Map.of("min", String.valueOf(min), "max", String.valueOf(max), "range", min + " to " + max);
    }
}
