package dev.gatehouse.server.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-For} Gatehouse believes: addresses and CIDR blocks
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Anyone else could write any address there, so from
 * anyone else the header is ignored.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private record Block(byte[] network, int prefix) {}

    private final List<Block> blocks;
    private final List<String> written;

    private TrustedProxies(List<Block> blocks, List<String> written) {
        this.blocks = List.copyOf(blocks);
        this.written = List.copyOf(written);
    }

    /** Parses a comma-separated list; empty when any item is not an address or block. */
    public static Optional<TrustedProxies> parse(String text) {
        if (text.isBlank()) {
            return Optional.of(NONE);
        }
        List<Block> blocks = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String item : text.split(",")) {
            String entry = item.strip();
            String[] parts = entry.split("/", 2);
            Optional<byte[]> address = literal(parts[0]);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            int bits = address.get().length * 8;
            int prefix = bits;
            if (parts.length == 2) {
                if (!parts[1].matches("\\d{1,3}") || Integer.parseInt(parts[1]) > bits) {
                    return Optional.empty();
                }
                prefix = Integer.parseInt(parts[1]);
            }
            blocks.add(new Block(address.get(), prefix));
            written.add(entry);
        }
        return Optional.of(new TrustedProxies(blocks, written));
    }

    public boolean contains(String address) {
        Optional<byte[]> parsed = literal(address);
        if (parsed.isEmpty()) {
            return false;
        }
        for (Block block : blocks) {
            if (block.network().length == parsed.get().length
                    && samePrefix(block.network(), parsed.get(), block.prefix())) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The addresses and blocks as they were written. */
    public List<String> written() {
        return written;
    }

    @Override
    public String toString() {
        return written.toString();
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        int bits = a.length * 8;
        BigInteger mask = prefix == 0
                ? BigInteger.ZERO
                : BigInteger.ONE
                        .shiftLeft(bits)
                        .subtract(BigInteger.ONE)
                        .shiftRight(bits - prefix)
                        .shiftLeft(bits - prefix);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    /** An IP literal's bytes; never a DNS look-up (names are refused before InetAddress sees them). */
    private static Optional<byte[]> literal(String text) {
        String candidate = text.strip();
        boolean looksLiteral =
                candidate.matches("[0-9.]+") || (candidate.contains(":") && candidate.matches("[0-9a-fA-F:.]+"));
        if (!looksLiteral || candidate.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
