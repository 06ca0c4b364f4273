package dev.gatehouse.jwt;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * OAuth scope strings (RFC 6749 section 3.3): space-separated tokens of printable ASCII without
 * {@code "} or {@code \}. One reading for the server that writes {@code scope} and the verifiers that
 * read it.
 */
public final class Scopes {
    /** Longer than any sensible request, short enough that nobody stores a novel in a token. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern SCOPE_LIST =
            Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    private Scopes() {}

    /** A requested scope as it goes into a token: "" for none, empty when it is no list of scope tokens. */
    public static Optional<String> parse(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.of("");
        }
        if (requested.length() > MAX_LENGTH || !SCOPE_LIST.matcher(requested).matches()) {
            return Optional.empty();
        }
        return Optional.of(requested);
    }

    /** The scope tokens of a (well-formed) scope string; none for "". */
    public static List<String> split(String scope) {
        return scope.isBlank() ? List.of() : Arrays.asList(scope.strip().split(" +"));
    }
}
