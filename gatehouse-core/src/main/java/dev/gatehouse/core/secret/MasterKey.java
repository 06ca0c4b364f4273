package dev.gatehouse.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one secret every other server-side key is derived from: 256 bits, from
 * {@code GATEHOUSE_MASTER_KEY} or a key file. Each use gets its own key through HMAC-SHA-256 with a
 * label (a one-step HKDF-Expand, RFC 5869 section 2.3), so no two purposes share key material.
 */
public final class MasterKey {
    public static final int BYTES = 32;

    private final byte[] key;

    public MasterKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a master key is exactly 32 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** A 32-byte key for one purpose, named by {@code label}. */
    public byte[] derive(String label) {
        return hmac(key, ("gatehouse-v1:" + label).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Destroys nothing (the JVM may have copies) but keeps the key out of logs. */
    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Sha256.digest(key));
    }
}
