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

    /**
     * Whether {@code value} has the shape of an account id (32 hex digits), which no new client may take:
     * a client-credentials token's {@code sub} is its client's id, and RFC 9068 section 5 asks that no
     * client can choose one equal to a user's, since a resource server authorizing on {@code sub} would
     * take the service for that person. Checked when a client is registered; one registered before the
     * rule keeps working.
     */
    public static boolean hasTheShapeOfAnAccountId(String value) {
        return value.matches("[0-9A-Fa-f]{32}");
    }

    /** Why {@link #hasTheShapeOfAnAccountId} refuses an id, in words for the administrator choosing it. */
    public static final String SHAPE_OF_AN_ACCOUNT_ID =
            "A client id may not be 32 hex digits, the shape of a user's id: a service's tokens name their client"
                    + " as their subject, which must never be a user's (RFC 9068 section 5).";

    @Override
    public String toString() {
        return value;
    }
}
