package dev.gatehouse.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** {@code off} (empty: nothing listens), or a TCP port from 0 to 65535 (0 picks a free one). */
record PortOrOff() implements ValueType<OptionalInt> {
    private static final String OFF = "off";

    @Override
    public Parsed<OptionalInt> parse(String text) {
        if (text.toLowerCase(Locale.ROOT).equals(OFF)) {
            return Parsed.accepted(OptionalInt.empty());
        }
        OptionalInt port = DecimalText.parse(text);
        if (port.isPresent() && port.getAsInt() <= 65_535) {
            return Parsed.accepted(port);
        }
        return Parsed.refused("must be off or a whole number from 0 to 65535");
    }

    @Override
    public String show(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : OFF;
    }

    @Override
    public Map<String, String> terms() {
        return Map.of("range", "`off` or 0 to 65535");
    }
}
