package dev.gatehouse.server.config;

/** What a {@link ValueType} made of a key's text: the value, or why it is refused. */
sealed interface Parsed<T> {

    record Accepted<T>(T value) implements Parsed<T> {}

    /** @param reason follows {@code VARIABLE=value: } and names what the key allows */
    record Refused<T>(String reason) implements Parsed<T> {}

    /** The accepted value; a refusal here is a bug, such as a default its own type refuses. */
    default T orElseThrow() {
        return switch (this) {
            case Accepted<T> accepted -> accepted.value();
            case Refused<T> refused -> throw new IllegalStateException("refused: " + refused.reason());
        };
    }

    static <T> Parsed<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Parsed<T> refused(String reason) {
        return new Refused<>(reason);
    }
}
