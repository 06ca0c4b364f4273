package dev.gatehouse.core.account;

import dev.gatehouse.core.GatehouseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Passwords too common to accept, compared without regard to case.
 *
 * <p>The bundled list (~198,000 entries of eight characters or more; shorter ones are refused by
 * length already) merges the zxcvbn-ts common list and SecLists' leaked-password lists, both MIT. It
 * is held as a sorted array of 64-bit fingerprints (the first 8 bytes of SHA-256): 1.6 MB instead of
 * the ~15 MB a set of strings would take, looked up by binary search. A fingerprint collision would
 * refuse one more password, never accept a common one.
 *
 * <p>Reading it costs about a quarter of a second of CPU (198,000 fingerprints), which a server
 * should not spend before it is ready: the bundled list is read when first consulted, or when
 * {@link #load()} is called (a server calls it from a thread of its own once it listens).
 */
public final class CommonPasswords {
    private static final String BUNDLED = "/dev/gatehouse/core/account/common-passwords.txt.gz";

    private final Supplier<long[]> source;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile long[] fingerprints;

    private CommonPasswords(Supplier<long[]> source) {
        this.source = source;
    }

    public static CommonPasswords of(Collection<String> entries) {
        MessageDigest sha256 = sha256();
        long[] fingerprints = entries.stream()
                .mapToLong(entry -> fingerprint(sha256, entry))
                .sorted()
                .distinct()
                .toArray();
        return new CommonPasswords(() -> fingerprints).load();
    }

    /** The bundled list, read when first consulted or {@linkplain #load() loaded}. */
    public static CommonPasswords bundled() {
        return new CommonPasswords(CommonPasswords::readBundled);
    }

    /** Reads the list now unless it was read already (callers meanwhile wait for it); returns this. */
    public CommonPasswords load() {
        fingerprints();
        return this;
    }

    /** True once the list is read (for tests: consulting it reads it). */
    boolean isLoaded() {
        return fingerprints != null;
    }

    private long[] fingerprints() {
        long[] read = fingerprints;
        if (read != null) {
            return read;
        }
        loading.lock();
        try {
            if (fingerprints == null) {
                fingerprints = source.get();
            }
            return fingerprints;
        } finally {
            loading.unlock();
        }
    }

    private static long[] readBundled() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new GatehouseException("bundled common-password list missing: " + BUNDLED);
            }
            MessageDigest sha256 = sha256();
            long[] fingerprints = new long[200_000];
            int count = 0;
            var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    if (count == fingerprints.length) {
                        fingerprints = Arrays.copyOf(fingerprints, count * 2);
                    }
                    fingerprints[count++] = fingerprint(sha256, line.strip());
                }
            }
            return Arrays.stream(fingerprints, 0, count).sorted().distinct().toArray();
        } catch (IOException e) {
            throw new GatehouseException("cannot read the bundled common-password list", e);
        }
    }

    public boolean contains(String password) {
        return Arrays.binarySearch(fingerprints(), fingerprint(sha256(), password)) >= 0;
    }

    public int size() {
        return fingerprints().length;
    }

    private static long fingerprint(MessageDigest sha256, String entry) {
        byte[] digest = sha256.digest(entry.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
