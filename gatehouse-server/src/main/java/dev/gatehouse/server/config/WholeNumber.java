package dev.gatehouse.server.config;

import java.util.Map;

/** A whole number from {@code min} to {@code max}, both included. */
record WholeNumber(int min, int max) implements ValueType<Integer> {

    @Override
    public Parsed<Integer> parse(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return Parsed.accepted(value);
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
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
