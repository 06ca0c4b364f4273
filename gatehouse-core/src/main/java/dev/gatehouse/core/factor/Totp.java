package dev.gatehouse.core.factor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226). {@link #STANDARD} is what every
 * authenticator app speaks: HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch.
 */
public final class Totp {
    /** RFC 6238 section 4: X = 30 seconds, T0 = 0. */
    public static final long STEP_SECONDS = 30;

    /** SHA-1, 6 digits: the defaults of RFC 6238 section 4 and of Google Authenticator's key URI format. */
    public static final Totp STANDARD = new Totp("HmacSHA1", 6);

    /** How many steps either side of now a code is accepted in (RFC 6238 section 5.2: one step of skew). */
    public static final int ALLOWED_SKEW_STEPS = 1;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final String algorithm;
    private final int digits;

    /** @param algorithm a JCA MAC name: {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512} */
    public Totp(String algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("RFC 4226 codes have 6 to 8 digits, not " + digits);
        }
        this.algorithm = algorithm;
        this.digits = digits;
    }

    /** The time step {@code instant} falls in: T = floor((unix time - T0) / X). */
    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of {@code step}, zero-padded to the number of digits. */
    public String code(byte[] secret, long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
        // RFC 4226 section 5.3: dynamic truncation.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The step whose code {@code presented} is, looking at now and {@link #ALLOWED_SKEW_STEPS} either
     * side; empty when none matches. Every candidate is compared, in constant time, so the time taken
     * says nothing about which step (if any) was close.
     */
    public OptionalLong matchingStep(byte[] secret, String presented, Instant now) {
        String code = presented.strip();
        if (code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        long found = Long.MIN_VALUE;
        for (long step = current - ALLOWED_SKEW_STEPS; step <= current + ALLOWED_SKEW_STEPS; step++) {
            boolean same = MessageDigest.isEqual(
                    code(secret, step).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII));
            if (same && found == Long.MIN_VALUE) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
