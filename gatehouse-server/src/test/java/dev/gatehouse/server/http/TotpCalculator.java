package dev.gatehouse.server.http;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The tests' own TOTP (RFC 6238, SHA-1, 6 digits, 30 s), apart from the server's, from a base32 key. */
public final class TotpCalculator {
    private TotpCalculator() {}

    public static String at(String base32Key, Instant instant) {
        byte[] key = fromBase32(base32Key.replace(" ", ""));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8)
                    .putLong(instant.getEpochSecond() / 30)
                    .array());
            int at = hash[hash.length - 1] & 0x0f;
            int truncated = ByteBuffer.wrap(hash, at, 4).getInt() & 0x7fffffff;
            return "%06d".formatted(truncated % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32 through a big integer: slow and plain, and so unlike the server's. */
    private static byte[] fromBase32(String text) {
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            value = value.shiftLeft(5).add(BigInteger.valueOf("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c)));
        }
        int bytes = text.length() * 5 / 8;
        value = value.shiftRight(text.length() * 5 - bytes * 8);
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(bytes, raw.length);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        return out;
    }
}
