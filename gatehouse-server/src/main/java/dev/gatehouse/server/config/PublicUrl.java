package dev.gatehouse.server.config;

import dev.gatehouse.jwt.Loopback;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A public base URL such as the issuer: absolute, without query or fragment, a trailing slash
 * dropped. It must be {@code https} except on loopback hosts, because the session cookie is
 * {@code Secure} and tokens name this URL as their issuer.
 */
record PublicUrl() implements ValueType<URI> {

    @Override
    public Parsed<URI> parse(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            return Parsed.refused("not a URL");
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return Parsed.refused("must be an absolute http(s) URL without query or fragment");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && Loopback.isLoopbackHost(uri.getHost());
        if (!https && !loopbackHttp) {
            return Parsed.refused("must use https (plain http is allowed only for localhost)");
        }
        return Parsed.accepted(uri);
    }

    @Override
    public String show(URI value) {
        return value.toString();
    }
}
