package dev.gatehouse.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * HMAC-SHA-256 under a server key, for secrets we generate ourselves with 256 bits of entropy
 * (client secrets): a slow password hash would add tens of milliseconds per request and buy
 * nothing against a secret that cannot be guessed.
 */
public final class KeyedHash {
    private final byte[] key;

    public KeyedHash(byte[] key) {
        this.key = key.clone();
    }

    public String hex(String secret) {
        return HexFormat.of().formatHex(MasterKey.hmac(key, secret.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] bytes(byte[] message) {
        return MasterKey.hmac(key, message);
    }
}
