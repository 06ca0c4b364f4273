package dev.gatehouse.server.config;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A whole number as an operator types it: ASCII digits only. {@link Integer#parseInt} also takes a sign
 * and any script's digits ("٩٢١٦"), which the launcher, reading the same variables in bash to size the
 * heap, cannot; a value both must read the same way is refused unless it is plain.
 */
final class DecimalText {
    private static final Pattern PLAIN = Pattern.compile("[0-9]{1,9}");

    private DecimalText() {}

    /** The number {@code text} spells in plain digits (leading zeros allowed), or empty. */
    static OptionalInt parse(String text) {
        return PLAIN.matcher(text).matches() ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }
}
