package dev.gatehouse.core.factor;

import java.time.Instant;
import java.util.Locale;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A second TOTP, written apart from {@link Totp} from RFC 6238's text with Bouncy Castle's HMAC and its
 * own base32 decoder: the tests' codes come from here, so a shared mistake cannot pass unnoticed.
 */
public final class IndependentTotp {
    private IndependentTotp() {}

    /** The 6-digit SHA-1 code for the base32 {@code secret} at {@code instant}. */
    public static String code(String base32Secret, Instant instant) {
        return code(decodeBase32(base32Secret), instant.getEpochSecond() / 30);
    }

    public static String code(byte[] key, long counter) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) (counter & 0xff);
            counter >>>= 8;
        }
        HMac mac = new HMac(new SHA1Digest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        int offset = out[19] & 0xf;
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (out[offset + i] & 0xff);
        }
        value &= 0x7fffffffL;
        return String.format(Locale.ROOT, "%06d", value % 1_000_000);
    }

    public static byte[] decodeBase32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((int) (buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
