package dev.gatehouse.server.app;

import dev.gatehouse.core.oidc.LogoutDelivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Posts logout tokens (OpenID Connect Back-Channel Logout 1.0 section 2.5) the safe way: {@code https}
 * only ({@code http} only to a loopback address, and only when the development flag says so), never to
 * a loopback, private, link-local or otherwise internal address unless its host is on the allow-list
 * (a client's registered URI must not let it probe the network Gatehouse sits in: SSRF), never
 * following a redirect, and within a few seconds.
 *
 * <p>The host is resolved here and again by the HTTP client when it connects; a name that changes its
 * answer in between (DNS rebinding) is the remaining gap, narrowed by refusing if any answer is internal.
 */
public final class HttpLogoutDelivery implements LogoutDelivery {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final boolean allowInsecureHttpToLoopback;
    private final Set<String> allowedInternalHosts;

    /**
     * @param allowInsecureHttpToLoopback development only: plain {@code http} to a loopback address
     * @param allowedInternalHosts host names whose internal addresses are nevertheless allowed
     */
    public HttpLogoutDelivery(boolean allowInsecureHttpToLoopback, Set<String> allowedInternalHosts) {
        this.allowInsecureHttpToLoopback = allowInsecureHttpToLoopback;
        this.allowedInternalHosts = Set.copyOf(allowedInternalHosts);
    }

    @Override
    public Outcome deliver(String uri, String logoutToken) {
        URI target;
        try {
            target = new URI(uri);
        } catch (URISyntaxException e) {
            return new Outcome.Refused("not a URI");
        }
        String scheme = String.valueOf(target.getScheme()).toLowerCase(Locale.ROOT);
        String host = target.getHost();
        if (host == null || target.getRawUserInfo() != null) {
            return new Outcome.Refused("no host, or user info in the URI");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Outcome.Failed("unknown host " + host);
        }
        boolean allLoopback = addresses.length > 0;
        for (InetAddress address : addresses) {
            allLoopback &= address.isLoopbackAddress();
        }
        if (scheme.equals("http")) {
            if (!(allowInsecureHttpToLoopback && allLoopback)) {
                return new Outcome.Refused("plain http is allowed only to loopback, with the development flag");
            }
        } else if (!scheme.equals("https")) {
            return new Outcome.Refused("not https");
        } else if (!allowedInternalHosts.contains(host.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    return new Outcome.Refused(host + " resolves to the internal address " + address.getHostAddress());
                }
            }
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            // Section 2.8: 200 on success; 204 is read the same way, as many frameworks answer it.
            return status == 200 || status == 204 ? new Outcome.Delivered() : new Outcome.Failed("answered " + status);
        } catch (IOException e) {
            return new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        }
    }

    /**
     * Loopback, unspecified, link-local (169.254/16, fe80::/10: cloud metadata lives there), private
     * (10/8, 172.16/12, 192.168/16), shared (100.64/10), unique-local (fc00::/7) or multicast.
     */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        return (bytes[0] & 0xfe) == 0xfc;
    }
}
