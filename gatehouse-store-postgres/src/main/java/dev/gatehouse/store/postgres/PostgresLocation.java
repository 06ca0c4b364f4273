package dev.gatehouse.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the PostgreSQL database is: a JDBC URL plus the credentials, from either the usual
 * {@code postgresql://user:password@host:port/database} form or a {@code jdbc:postgresql://…} URL.
 *
 * <p>{@link #toString()} never shows the password, so a location can be printed and logged.
 */
public record PostgresLocation(String jdbcUrl, Optional<String> user, Optional<String> password) {

    /** Reads {@code text}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static PostgresLocation parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new PostgresLocation(trimmed, Optional.empty(), Optional.empty());
        }
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "must be postgresql://user:password@host:port/database or jdbc:postgresql://…");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() <= 1) {
            throw new IllegalArgumentException("names no database (…/database)");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        return new PostgresLocation(jdbc.toString(), user, password);
    }

    /** The URL with any {@code password=} parameter masked, for logs and the start-up print. */
    public String describe() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1****")
                + user.map(u -> " as " + u).orElse("");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
