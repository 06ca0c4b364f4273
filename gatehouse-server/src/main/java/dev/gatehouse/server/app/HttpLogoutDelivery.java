package dev.gatehouse.server.app;

import dev.gatehouse.core.oidc.LogoutDelivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts logout tokens (OpenID Connect Back-Channel Logout 1.0 section 2.5) the safe way: {@code https}
 * only ({@code http} only to a loopback address, and only when the development flag says so), never to
 * a loopback, private, link-local or otherwise internal address unless its host is on the allow-list
 * (a client's registered URI must not let it probe the network Gatehouse sits in: SSRF), never
 * following a redirect, and within a few seconds.
 *
 * <p>The host is resolved once, every answer is checked, and the connection goes to the first answer
 * ({@link PinnedFormPost}): a name cannot pass the check with one address and be connected to at
 * another (DNS rebinding). The certificate is still verified against the host name.
 */
public final class HttpLogoutDelivery implements LogoutDelivery {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** How host names are looked up: {@link InetAddress#getAllByName}, or a test's answers. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowInsecureHttpToLoopback;
    private final Set<String> allowedInternalHosts;
    private final Resolver resolver;
    private final PinnedFormPost post;

    /**
     * @param allowInsecureHttpToLoopback development only: plain {@code http} to a loopback address
     * @param allowedInternalHosts host names whose internal addresses are nevertheless allowed
     */
    public HttpLogoutDelivery(boolean allowInsecureHttpToLoopback, Set<String> allowedInternalHosts) {
        // Asked for at the first delivery, not here: the default factory reads the JDK's trust store,
        // which cost the server's start about 50 ms for a feature most deployments never use.
        this(allowInsecureHttpToLoopback, allowedInternalHosts, InetAddress::getAllByName, () ->
                (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    HttpLogoutDelivery(
            boolean allowInsecureHttpToLoopback,
            Set<String> allowedInternalHosts,
            Resolver resolver,
            SSLSocketFactory tls) {
        this(allowInsecureHttpToLoopback, allowedInternalHosts, resolver, () -> tls);
    }

    private HttpLogoutDelivery(
            boolean allowInsecureHttpToLoopback,
            Set<String> allowedInternalHosts,
            Resolver resolver,
            Supplier<SSLSocketFactory> tls) {
        this.allowInsecureHttpToLoopback = allowInsecureHttpToLoopback;
        this.allowedInternalHosts = Set.copyOf(allowedInternalHosts);
        this.resolver = resolver;
        this.post = new PinnedFormPost(tls, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
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
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Outcome.Failed("unknown host " + host);
        }
        if (addresses.length == 0) {
            return new Outcome.Failed("no address for " + host);
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
        try {
            // The address just checked, not a second lookup of the name.
            int status = post.post(
                    target, addresses[0], "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8));
            // Section 2.8: 200 on success; 204 is read the same way, as many frameworks answer it.
            return status == 200 || status == 204 ? new Outcome.Delivered() : new Outcome.Failed("answered " + status);
        } catch (IOException e) {
            return new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * IPv4 ranges of the IANA special-purpose address registry (RFC 6890 and its updates) that a
     * back-channel logout never goes to: "this network", private, shared (CGNAT), loopback, link-local
     * (cloud metadata lives there), IETF protocol assignments, documentation, AS112, AMT, the old 6to4
     * relay anycast, benchmarking, multicast and reserved (with the limited broadcast).
     */
    private static final List<Cidr> SPECIAL_IPV4 = List.of(
            Cidr.of("0.0.0.0", 8),
            Cidr.of("10.0.0.0", 8),
            Cidr.of("100.64.0.0", 10),
            Cidr.of("127.0.0.0", 8),
            Cidr.of("169.254.0.0", 16),
            Cidr.of("172.16.0.0", 12),
            Cidr.of("192.0.0.0", 24),
            Cidr.of("192.0.2.0", 24),
            Cidr.of("192.31.196.0", 24),
            Cidr.of("192.52.193.0", 24),
            Cidr.of("192.88.99.0", 24),
            Cidr.of("192.168.0.0", 16),
            Cidr.of("192.175.48.0", 24),
            Cidr.of("198.18.0.0", 15),
            Cidr.of("198.51.100.0", 24),
            Cidr.of("203.0.113.0", 24),
            Cidr.of("224.0.0.0", 4),
            Cidr.of("240.0.0.0", 4));

    /** IPv4-compatible {@code ::a.b.c.d} (and {@code ::}, {@code ::1}): the last four bytes. */
    private static final Cidr IPV4_COMPATIBLE = Cidr.of("::", 96);
    /** IPv4-mapped {@code ::ffff:a.b.c.d}: the last four bytes. */
    private static final Cidr IPV4_MAPPED = Cidr.of("::ffff:0:0", 96);
    /** Well-known NAT64 prefix (RFC 6052): the last four bytes. */
    private static final Cidr NAT64 = Cidr.of("64:ff9b::", 96);
    /** 6to4 (RFC 3056): bytes 2 to 5. */
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::", 16);

    /**
     * IPv6 ranges that are refused even inside global unicast {@code 2000::/3}: IETF protocol
     * assignments (Teredo {@code 2001::/32}, benchmarking, ORCHID and the rest of {@code 2001::/23}),
     * documentation ({@code 2001:db8::/32}, {@code 3fff::/20}). Everything outside {@code 2000::/3} is
     * refused anyway: loopback, unspecified, local-use NAT64 {@code 64:ff9b:1::/48}, discard
     * {@code 100::/64}, SRv6 {@code 5f00::/16}, unique-local, link-local, site-local and multicast.
     */
    private static final List<Cidr> SPECIAL_IPV6 =
            List.of(Cidr.of("2001::", 23), Cidr.of("2001:db8::", 32), Cidr.of("3fff::", 20));

    private static final Cidr GLOBAL_UNICAST_IPV6 = Cidr.of("2000::", 3);

    /**
     * Whether a back-channel logout must not go to {@code address}: any IANA special-purpose address.
     * IPv6 addresses that embed an IPv4 one (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4) are
     * judged by the IPv4 address they reach; any other IPv6 address must be global unicast.
     */
    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return isInternalIpv4(bytes);
        }
        if (IPV4_MAPPED.contains(bytes) || IPV4_COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return isInternalIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isInternalIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return !GLOBAL_UNICAST_IPV6.contains(bytes) || SPECIAL_IPV6.stream().anyMatch(c -> c.contains(bytes));
    }

    private static boolean isInternalIpv4(byte[] bytes) {
        return SPECIAL_IPV4.stream().anyMatch(c -> c.contains(bytes));
    }

    /** An address prefix: {@code prefix} bits of {@code network}. */
    private static final class Cidr {
        private final byte[] network;
        private final int prefix;

        private Cidr(byte[] network, int prefix) {
            this.network = network;
            this.prefix = prefix;
        }

        static Cidr of(String literal, int prefix) {
            try {
                // A literal: no lookup. IPv4-mapped literals would come back as IPv4, so they are built by hand.
                byte[] network = literal.equals("::ffff:0:0")
                        ? new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}
                        : InetAddress.getByName(literal).getAddress();
                return new Cidr(network, prefix);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
