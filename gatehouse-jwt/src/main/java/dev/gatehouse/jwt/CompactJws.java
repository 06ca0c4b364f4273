package dev.gatehouse.jwt;

import java.util.Base64;
import java.util.Optional;

/**
 * The cheap structural checks made before any JSON is parsed or any signature computed: exactly three
 * canonical base64url parts (RFC 7515 section 7.1, no padding, no stray bits), a bounded size and
 * bounded JSON nesting. JWE (five parts) and the JSON serialization fail here.
 */
final class CompactJws {
    static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_NESTING = 8;

    record Parts(
            String header,
            String payload,
            String signature,
            byte[] headerJson,
            byte[] payloadJson,
            byte[] signatureBytes) {}

    private CompactJws() {}

    static Optional<Parts> split(String token) {
        if (token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[][] decoded = new byte[3][];
        for (int i = 0; i < 3; i++) {
            Optional<byte[]> bytes = canonical(parts[i]);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            decoded[i] = bytes.get();
        }
        if (nesting(decoded[0]) > MAX_NESTING || nesting(decoded[1]) > MAX_NESTING) {
            return Optional.empty();
        }
        return Optional.of(new Parts(parts[0], parts[1], parts[2], decoded[0], decoded[1], decoded[2]));
    }

    /**
     * The bytes of a base64url part, only when it is canonical: the alphabet alone, no padding, and the
     * unused low bits of the last character zero (RFC 4648 section 3.5), so one token has one spelling.
     */
    private static Optional<byte[]> canonical(String part) {
        int length = part.length();
        if (length == 0 || length % 4 == 1) {
            return Optional.empty();
        }
        int last = 0;
        for (int i = 0; i < length; i++) {
            int value = sextet(part.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            last = value;
        }
        int spareBits = switch (length % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        if ((last & ((1 << spareBits) - 1)) != 0) {
            return Optional.empty();
        }
        return Optional.of(Base64.getUrlDecoder().decode(part));
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /** The deepest nesting of objects and arrays, outside strings. */
    private static int nesting(byte[] json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }
}
