package dev.gatehouse.core.limit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its /64
 * prefix — one subscriber usually holds a whole /64, so counting single IPv6 addresses would let one
 * attacker rotate through 2^64 of them.
 */
public final class ClientAddress {
    private ClientAddress() {}

    public static String group(String address) {
        // Only IPv6 literals contain ':'; getByName parses a literal without any DNS look-up.
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address v6) {
                return HexFormat.of().formatHex(v6.getAddress(), 0, 8) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
