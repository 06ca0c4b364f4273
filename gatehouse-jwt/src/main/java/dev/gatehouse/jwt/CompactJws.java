package dev.gatehouse.jwt;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cheap structural checks made before any JSON is parsed or any signature computed: exactly three
 * canonical base64url parts (RFC 7515 section 7.1, no padding, no stray bits), a bounded size and
 * bounded JSON nesting. JWE (five parts) and the JSON serialization fail here.
 */
final class CompactJws {
    static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_NESTING = 8;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");

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

    /** The bytes of a base64url part, only when re-encoding them gives the same text back. */
    private static Optional<byte[]> canonical(String part) {
        if (!PART.matcher(part).matches()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            String again = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return again.equals(part) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
