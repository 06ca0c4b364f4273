package dev.gatehouse.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signatures one key has already found valid, remembered by a SHA-256 of what was signed and the
 * signature, so that a token presented again (a resource server checks the same token on every call
 * for its five minutes) costs a hash instead of an elliptic-curve verification.
 *
 * <p>Why it is safe: only a signature that verified is remembered, so a forger cannot fill it, and a
 * forged token would be accepted only by finding a SHA-256 collision with a token this key signed.
 * It remembers the signature alone: expiry, audience, issuer and revocation are checked on every use
 * by the caller. It lives and dies with its key, so a key that leaves the ring takes it along.
 *
 * <p>Why it matters: a P-256 verification through Bouncy Castle allocates about 100 KB of short-lived
 * arrays; at a few thousand bearer checks a second that was most of the server's garbage and so of
 * its collector's pauses.
 *
 * <p>Bounded with two generations: lookups read both, inserts go to the young one, and when it is full
 * the old one is dropped and the young one ages. At most {@code 2 × perGeneration} entries of 32 bytes.
 */
final class VerifiedSignatures {
    static final int PER_GENERATION = 4_096;

    private final int perGeneration;
    private volatile Map<String, Boolean> young = new ConcurrentHashMap<>();
    private volatile Map<String, Boolean> old = new ConcurrentHashMap<>();

    VerifiedSignatures(int perGeneration) {
        this.perGeneration = perGeneration;
    }

    /** The key of one (signing input, signature) pair: 32 bytes held as a string of chars 0–255. */
    static String fingerprint(byte[] signingInput, byte[] signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(signingInput);
            // Length-prefixed: no two (input, signature) pairs share the bytes that are hashed.
            sha256.update(new byte[] {(byte) (signature.length >>> 8), (byte) signature.length});
            sha256.update(signature);
            return new String(sha256.digest(), StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    boolean contains(String fingerprint) {
        if (young.containsKey(fingerprint)) {
            return true;
        }
        if (old.containsKey(fingerprint)) {
            remember(fingerprint); // still in use: keep it through the next ageing
            return true;
        }
        return false;
    }

    void remember(String fingerprint) {
        Map<String, Boolean> current = young;
        current.put(fingerprint, Boolean.TRUE);
        if (current.size() >= perGeneration) {
            synchronized (this) {
                if (young == current) {
                    old = current;
                    young = new ConcurrentHashMap<>();
                }
            }
        }
    }

    int size() {
        return young.size() + old.size();
    }
}
