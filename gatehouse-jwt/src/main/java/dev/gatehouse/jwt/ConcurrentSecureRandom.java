package dev.gatehouse.jwt;

import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomParameters;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The strong random generator of the request path, which many threads draw from at once without
 * waiting for each other: several independent DRBGs (NIST SP 800-90A Hash_DRBG, SHA-256, 256-bit
 * strength, each seeded by the operating system), one picked at random for each draw.
 *
 * <p>Why not {@code new SecureRandom()}: on Linux that is NativePRNG, and every NativePRNG instance in
 * the process reads through one shared lock and mixes through a second one. Monitors are not fair, and
 * thread dumps of client credentials at saturation (a token id and an ECDSA nonce a request) showed
 * requests blocked there, a virtual thread woken for the lock able to find it taken again by one that
 * was already running. Each DRBG here has a lock of its own, held for the microsecond of one draw,
 * and draws are spread over several.
 */
public final class ConcurrentSecureRandom extends SecureRandom {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final ConcurrentSecureRandom INSTANCE =
            new ConcurrentSecureRandom(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    /** Null only while the superclass constructor runs (it calls {@link #setSeed(long)}). */
    private final transient SecureRandom[] generators;

    private ConcurrentSecureRandom(int count) {
        SecureRandom[] made = new SecureRandom[count];
        for (int i = 0; i < count; i++) {
            made[i] = newGenerator();
        }
        this.generators = made;
    }

    /** The process's one instance. */
    public static SecureRandom get() {
        return INSTANCE;
    }

    /** How many generators draws are spread over (tests). */
    int generatorCount() {
        return generators.length;
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance(
                    "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no DRBG", e);
        }
    }

    private SecureRandom any() {
        // The pick needs no secrecy: it only spreads draws over the generators.
        return generators[ThreadLocalRandom.current().nextInt(generators.length)];
    }

    @Override
    public void nextBytes(byte[] bytes) {
        any().nextBytes(bytes);
    }

    @Override
    public void nextBytes(byte[] bytes, SecureRandomParameters parameters) {
        any().nextBytes(bytes, parameters);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return any().generateSeed(numBytes);
    }

    @Override
    public void setSeed(byte[] seed) {
        // Adds to one generator's state (a DRBG never replaces its seed); none is weakened by it.
        if (generators != null) {
            any().setSeed(seed);
        }
    }

    @Override
    public void setSeed(long seed) {
        if (generators != null) {
            any().setSeed(seed);
        }
    }

    @Override
    public void reseed() {
        for (SecureRandom generator : generators) {
            generator.reseed();
        }
    }

    /** Never written out: a copy of a generator's state would repeat its output. */
    @Serial
    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException(ConcurrentSecureRandom.class.getName());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws NotSerializableException {
        throw new NotSerializableException(ConcurrentSecureRandom.class.getName());
    }

    @Override
    public String getAlgorithm() {
        return "DRBG";
    }

    @Override
    public String toString() {
        return "ConcurrentSecureRandom[" + generators.length + " × " + generators[0] + "]";
    }
}
