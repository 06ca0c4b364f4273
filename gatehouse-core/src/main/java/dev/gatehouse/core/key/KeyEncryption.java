package dev.gatehouse.core.key;

import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.core.secret.RandomSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Private signing keys at rest: AES-256-GCM under a key-encryption key, a fresh 96-bit nonce per
 * encryption (NIST SP 800-38D section 8.2.2), the key id as associated data so a ciphertext cannot be
 * moved to another key's row.
 */
public final class KeyEncryption {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final RandomSource random;

    public KeyEncryption(byte[] keyEncryptionKey, RandomSource random) {
        if (keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("the key-encryption key is 32 bytes");
        }
        this.key = new SecretKeySpec(keyEncryptionKey, "AES");
        this.random = random;
    }

    public String encrypt(byte[] plaintext, String keyId) {
        byte[] nonce = random.nextBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new GatehouseException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext; a {@link WrongMasterKeyException} when the ciphertext was sealed under another key. */
    public byte[] decrypt(String sealed, String keyId) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new WrongMasterKeyException(keyId);
        } catch (GeneralSecurityException e) {
            throw new GatehouseException("AES-GCM decryption failed", e);
        }
    }
}
