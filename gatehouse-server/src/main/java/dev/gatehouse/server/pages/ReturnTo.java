package dev.gatehouse.server.pages;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where to send the browser after signing in. Only a relative path on this server under an allow-list
 * is honoured; anything else (an absolute URL, {@code //host}, {@code /\host}, an encoded slash or
 * backslash, a control character, a dot segment) is ignored and the browser goes to
 * {@link #DEFAULT}. An open redirect would let a phishing link borrow Gatehouse's address (OWASP
 * ASVS 5.0 V3.7.2; unvalidated redirects), so the rule allows what the pages need and nothing more.
 */
public final class ReturnTo {
    public static final String DEFAULT = "/account/";

    /** Longest accepted value; an OAuth authorization request with its parameters fits well under it. */
    static final int MAX_LENGTH = 2048;

    /**
     * A path of letters, digits and {@code / - _ . ~} only: no percent sign, so no encoded slash,
     * backslash, dot or control character can hide in it.
     */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~-]*");

    /**
     * The query: unreserved and sub-delimiter characters and well-formed percent escapes (an encoded URL
     * as an OAuth parameter is fine there: only the path decides where the browser goes). No {@code #},
     * backslash, space or control character.
     */
    private static final Pattern QUERY = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*");

    /** The places a sign-in may continue to. */
    private static final List<String> PREFIXES = List.of("/account/", "/admin/");

    private static final List<String> EXACT_PATHS = List.of("/oauth2/authorize");

    private ReturnTo() {}

    /** {@code requested} when it is a safe place to continue to; otherwise empty. */
    public static Optional<String> validate(Optional<String> requested) {
        return requested.filter(ReturnTo::isSafe);
    }

    /** Where to go: {@code requested} when safe, else {@link #DEFAULT}. */
    public static String orDefault(Optional<String> requested) {
        return validate(requested).orElse(DEFAULT);
    }

    private static boolean isSafe(String value) {
        if (value.length() > MAX_LENGTH) {
            return false;
        }
        int question = value.indexOf('?');
        String path = question < 0 ? value : value.substring(0, question);
        String query = question < 0 ? "" : value.substring(question + 1);
        if (!PATH.matcher(path).matches() || !QUERY.matcher(query).matches()) {
            return false;
        }
        if (path.contains("//") || hasDotSegment(path)) {
            return false;
        }
        return PREFIXES.stream().anyMatch(path::startsWith) || EXACT_PATHS.contains(path);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
