package dev.gatehouse.server.config;

import java.util.List;
import java.util.Map;

/**
 * The kind of value a {@link ConfigKey} takes and the range it allows. Reading, the problem message,
 * the start-up line and the range sentence of the key's description all come from here, so they
 * cannot disagree.
 *
 * @param <T> the Java value a key of this type is read as
 */
sealed interface ValueType<T>
        permits WholeNumber,
                CountOrAuto,
                PortOrOff,
                DurationRange,
                RateLimit,
                OneOf,
                ConnectionUrl,
                PublicUrl,
                Base64Secret,
                OriginList,
                ProxyList,
                FilePath,
                FreeText {

    /** Reads a key's text, already stripped of surrounding blanks. */
    Parsed<T> parse(String text);

    /** The value as the start-up log shows it. */
    String show(T value);

    /** The value as shown for a secret key: never the secret itself. */
    default String masked(T value) {
        return "(set, masked)";
    }

    /**
     * Words a key's description may use in braces, such as {@code {range}} for "2m to 1d", so the range
     * the documentation states is the range enforced.
     */
    default Map<String, String> terms() {
        return Map.of();
    }

    /** "a", "a or b", "a, b or c": how a range of choices reads in a sentence. */
    static String either(List<String> choices) {
        if (choices.size() == 1) {
            return choices.getFirst();
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.getLast();
    }
}
