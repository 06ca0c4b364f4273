package dev.gatehouse.core.client;

/** A client's public name, chosen by its administrator: 1 to 64 of {@code [A-Za-z0-9._-]}. */
public record ClientId(String value) {
    public ClientId {
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a client id is 1 to 64 of A-Z a-z 0-9 . _ -");
        }
    }

    /** The id in {@code text}, or empty when it cannot be one. */
    public static java.util.Optional<ClientId> parse(String text) {
        return isValid(text) ? java.util.Optional.of(new ClientId(text)) : java.util.Optional.empty();
    }

    public static boolean isValid(String value) {
        return value.matches("[A-Za-z0-9._-]{1,64}");
    }

    @Override
    public String toString() {
        return value;
    }
}
