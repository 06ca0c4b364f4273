package dev.gatehouse.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** {@code auto} (empty: worked out when the server starts), or a whole number from {@code min} to {@code max}. */
record CountOrAuto(int min, int max) implements ValueType<OptionalInt> {
    private static final String AUTO = "auto";

    @Override
    public Parsed<OptionalInt> parse(String text) {
        if (text.toLowerCase(Locale.ROOT).equals(AUTO)) {
            return Parsed.accepted(OptionalInt.empty());
        }
        OptionalInt value = DecimalText.parse(text);
        if (value.isPresent() && value.getAsInt() >= min && value.getAsInt() <= max) {
            return Parsed.accepted(value);
        }
        return Parsed.refused("must be auto or a whole number from %d to %d".formatted(min, max));
    }

    @Override
    public String show(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : AUTO;
    }

    @Override
    public Map<String, String> terms() {
        return Map.of("range", "`auto` or " + min + " to " + max);
    }
}
