package dev.gatehouse.server.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One of fixed choices, each written as {@code spelling} gives it.
 *
 * @param exactCase true where a spelling is a standard name ({@code ES256}, {@code at+jwt}) that
 *     other software compares exactly, so Gatehouse must not take a look-alike
 */
record OneOf<E>(List<E> choices, Function<E, String> spelling, boolean exactCase) implements ValueType<E> {

    static <E> OneOf<E> exactly(List<E> choices, Function<E, String> spelling) {
        return new OneOf<>(choices, spelling, true);
    }

    static <E> OneOf<E> ignoringCase(List<E> choices, Function<E, String> spelling) {
        return new OneOf<>(choices, spelling, false);
    }

    public OneOf {
        choices = List.copyOf(choices);
    }

    @Override
    public Parsed<E> parse(String text) {
        for (E choice : choices) {
            String written = spelling.apply(choice);
            if (exactCase ? written.equals(text) : written.equalsIgnoreCase(text)) {
                return Parsed.accepted(choice);
            }
        }
        return Parsed.refused("must be " + ValueType.either(spellings()) + (exactCase ? " (exactly so spelled)" : ""));
    }

    @Override
    public String show(E value) {
        return spelling.apply(value);
    }

    /** {@code {choices}}: the spellings in back-quotes, "`on` or `off`". */
    @Override
    public Map<String, String> terms() {
        return Map.of(
                "choices",
                ValueType.either(spellings().stream().map(s -> "`" + s + "`").toList()));
    }

    List<String> spellings() {
        return choices.stream().map(spelling).toList();
    }
}
