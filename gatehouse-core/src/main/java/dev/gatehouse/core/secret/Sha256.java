package dev.gatehouse.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in one place, so every stored token hash is computed the same way. */
public final class Sha256 {
    private Sha256() {}

    /** The lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 (JCA standard algorithm names).
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    /** Compares two strings in time that does not depend on where they first differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
