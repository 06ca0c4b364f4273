package dev.gatehouse.core.client;

import dev.gatehouse.jwt.SigningAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link ClientType#WEB} or {@link ClientType#PUBLIC} client signs users in through the browser
 * (OpenID Connect): where its responses may go, where it may send the browser after sign-out, where
 * back-channel logouts go, and whether it is first-party (no consent page).
 *
 * @param redirectUris matched exactly (RFC 9700 section 2.1); a public client's loopback URI on any port
 * @param postLogoutRedirectUris matched exactly (OpenID Connect RP-Initiated Logout 1.0 section 3)
 * @param backchannelLogoutUri where logout tokens are posted (OpenID Connect Back-Channel Logout 1.0)
 * @param firstParty an app of the same operator: the user is not asked to consent
 * @param idTokenAlgorithm its {@code id_token_signed_response_alg} (OpenID Connect Dynamic Client
 *     Registration 1.0 section 2): RS256 or ES256; empty for the default, RS256
 */
public record SignInRegistration(
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        Optional<String> backchannelLogoutUri,
        boolean firstParty,
        Optional<SigningAlgorithm> idTokenAlgorithm) {

    /** The algorithms a client may ask its ID tokens (and logout tokens) to be signed with. */
    public static final Set<SigningAlgorithm> ID_TOKEN_ALGORITHMS =
            Set.of(SigningAlgorithm.RS256, SigningAlgorithm.ES256);

    /** What clients that do not sign users in through the browser have. */
    public static final SignInRegistration NONE = new SignInRegistration(List.of(), List.of(), Optional.empty(), false);

    public SignInRegistration {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    }

    /** A registration whose ID tokens are signed with the default algorithm. */
    public SignInRegistration(
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            Optional<String> backchannelLogoutUri,
            boolean firstParty) {
        this(redirectUris, postLogoutRedirectUris, backchannelLogoutUri, firstParty, Optional.empty());
    }

    /**
     * Whether {@code requested} is one of the registered redirect URIs, character for character. The one
     * exception is RFC 8252 section 7.3: a native app's {@code http} loopback redirect (an IP literal,
     * never {@code localhost}) may use any port, since the app takes whichever is free; nothing else of it
     * may differ.
     */
    public boolean allowsRedirect(String requested, ClientType type) {
        if (redirectUris.contains(requested)) {
            return true;
        }
        return type == ClientType.PUBLIC
                && loopbackWithoutPort(requested)
                        .filter(r -> redirectUris.stream()
                                .flatMap(registered -> loopbackWithoutPort(registered).stream())
                                .anyMatch(r::equals))
                        .isPresent();
    }

    /** Whether {@code requested} is a registered post-logout redirect URI, character for character. */
    public boolean allowsPostLogoutRedirect(String requested) {
        return postLogoutRedirectUris.contains(requested);
    }

    /**
     * A loopback redirect URI with its port taken out, when it is one: {@code http}, host
     * {@code 127.0.0.1} or {@code [::1]}, no user info, no fragment.
     */
    static Optional<String> loopbackWithoutPort(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!"http".equals(parsed.getScheme())
                || parsed.getRawUserInfo() != null
                || parsed.getRawFragment() != null
                || parsed.getHost() == null
                || !(parsed.getHost().equals("127.0.0.1") || parsed.getHost().equals("[::1]"))) {
            return Optional.empty();
        }
        String authority = parsed.getRawAuthority();
        if (!authority.equals(parsed.getHost()) && !hasValidPort(authority, parsed.getHost())) {
            return Optional.empty();
        }
        String prefix = "http://" + authority;
        if (!uri.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of("http://" + parsed.getHost().toLowerCase(Locale.ROOT) + uri.substring(prefix.length()));
    }

    /**
     * Whether {@code authority} is {@code host:port} with a port of 1 to 65535 in at most five decimal
     * digits: not an empty port ({@code 127.0.0.1:}), not 0, nothing beyond 65535.
     */
    private static boolean hasValidPort(String authority, String host) {
        if (!authority.startsWith(host + ":")) {
            return false;
        }
        String port = authority.substring(host.length() + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }

    /**
     * What is wrong with this registration for a client of {@code type}, for the person registering it;
     * empty when nothing is. A web or public client needs a redirect URI; every URI is absolute, has no
     * fragment (RFC 6749 section 3.1.2) and no user info, and uses {@code https} — {@code http} only on a
     * loopback address (RFC 8252 section 7.3) — or, for a public client's redirect, a private-use scheme
     * with a dot in it (RFC 8252 section 7.1). A written port is 1 to 65535.
     */
    public Optional<String> problem(ClientType type) {
        if (!type.signsInThroughBrowser()) {
            return equals(NONE) ? Optional.empty() : Optional.of("Only web and public clients have redirect URIs.");
        }
        if (redirectUris.isEmpty()) {
            return Optional.of("A web or public client needs at least one redirect URI.");
        }
        if (idTokenAlgorithm.filter(alg -> !ID_TOKEN_ALGORITHMS.contains(alg)).isPresent()) {
            return Optional.of("ID tokens are signed with RS256 or ES256.");
        }
        for (String uri : redirectUris) {
            if (!isAcceptable(uri, type == ClientType.PUBLIC)) {
                return Optional.of("The redirect URI '" + uri + "' is not an absolute https (or loopback http)"
                        + " URI without fragment or user info.");
            }
        }
        for (String uri : postLogoutRedirectUris) {
            if (!isAcceptable(uri, type == ClientType.PUBLIC)) {
                return Optional.of("The post-logout redirect URI '" + uri + "' is not acceptable.");
            }
        }
        return backchannelLogoutUri
                .filter(uri -> !isAcceptable(uri, false))
                .map(uri -> "The back-channel logout URI '" + uri + "' is not an https (or loopback http) URI.");
    }

    private static boolean isAcceptable(String uri, boolean privateSchemeAllowed) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!parsed.isAbsolute() || parsed.getRawFragment() != null || uri.length() > 512 || uri.contains(" ")) {
            return false;
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        // A port, when written, is 1 to 65535 (RFC 6335 section 6): port 0 or 99999 could never be
        // redirected to, and matching refuses them anyway, so registration says so at once.
        if ((scheme.equals("https") || scheme.equals("http"))
                && parsed.getHost() != null
                && parsed.getRawUserInfo() == null
                && !parsed.getRawAuthority().equals(parsed.getHost())
                && !hasValidPort(parsed.getRawAuthority(), parsed.getHost())) {
            return false;
        }
        if (scheme.equals("https")) {
            return parsed.getHost() != null && parsed.getRawUserInfo() == null;
        }
        if (scheme.equals("http")) {
            return loopbackWithoutPort(uri).isPresent() || "localhost".equals(parsed.getHost());
        }
        return privateSchemeAllowed && scheme.contains(".");
    }
}
