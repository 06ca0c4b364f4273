package dev.gatehouse.jwt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a host is this machine's loopback, decided from its text alone. The server's configuration and
 * the verifier both allow a plain {@code http} issuer only there, so the answer must never depend on DNS:
 * a name that merely looks local ({@code 127.evil.example}) is anyone's.
 */
public final class Loopback {
    // Four decimal octets without leading zeros: "127.1", "0177.0.0.1" and "0x7f.0.0.1" mean 127.0.0.1
    // to some parsers and not to others, so none of them counts.
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final int[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 1};

    private Loopback() {}

    /**
     * True for {@code localhost} in any case (RFC 6761 section 6.3), an IPv4 literal in 127.0.0.0/8
     * written as four decimal octets (RFC 1122 section 3.2.1.3), or the IPv6 literal {@code ::1} in any of
     * its textual forms, with or without the brackets of a URI. False for everything else, {@code null}
     * included; never looks a name up.
     */
    public static boolean isLoopbackHost(@Nullable String host) {
        if (host == null) {
            return false;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            // RFC 3986 section 3.2.2: brackets hold an IPv6 literal and nothing else.
            return isIpv6Loopback(host.substring(1, host.length() - 1));
        }
        // Lower-cased rather than equalsIgnoreCase, which would take "localhoſt" (long s) for localhost.
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        int[] octets = ipv4(host);
        return octets != null ? octets[0] == 127 : isIpv6Loopback(host);
    }

    private static int @Nullable [] ipv4(String text) {
        if (!DOTTED_QUAD.matcher(text).matches()) {
            return null;
        }
        int[] octets =
                Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.stream(octets).allMatch(octet -> octet <= 255) ? octets : null;
    }

    private static boolean isIpv6Loopback(String text) {
        int gap = text.indexOf("::");
        if (gap != text.lastIndexOf("::")) {
            return false; // RFC 4291 section 2.2: "::" may appear once only (this also refuses ":::")
        }
        List<Integer> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return false;
        }
        int elided = 8 - head.size() - tail.size();
        if (gap < 0 ? elided != 0 : elided < 1) {
            return false;
        }
        int[] address = new int[8];
        for (int i = 0; i < head.size(); i++) {
            address[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            address[8 - tail.size() + i] = tail.get(i);
        }
        return Arrays.equals(address, IPV6_LOOPBACK);
    }

    /**
     * The 16-bit groups between single colons, or null if one is not 1 to 4 hex digits. The address may
     * end in a dotted quad worth two groups (RFC 4291 section 2.2, form 3), so {@code ::0.0.0.1} is ::1.
     */
    private static @Nullable List<Integer> groups(String text, boolean endsTheAddress) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            int[] octets = endsTheAddress && i == parts.length - 1 ? ipv4(parts[i]) : null;
            if (octets != null) {
                groups.add(octets[0] << 8 | octets[1]);
                groups.add(octets[2] << 8 | octets[3]);
            } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                groups.add(Integer.parseInt(parts[i], 16));
            } else {
                return null;
            }
        }
        return groups;
    }
}
