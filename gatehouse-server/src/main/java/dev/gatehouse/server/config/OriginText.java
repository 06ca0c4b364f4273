package dev.gatehouse.server.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Origins (RFC 6454) in the serialised form browsers send: {@code scheme://host[:port]}, default ports left out. */
public final class OriginText {
    private OriginText() {}

    public static String of(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /** The origin {@code text} names, in canonical form; empty for anything that is not exactly an origin. */
    public static Optional<String> parse(String text) {
        try {
            URI uri = new URI(text.strip());
            boolean plain = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !plain
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null
                    || !(uri.getScheme().equalsIgnoreCase("https")
                            || uri.getScheme().equalsIgnoreCase("http"))) {
                return Optional.empty();
            }
            return Optional.of(of(uri));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
