package dev.gatehouse.core.login;

import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OWASP's device cookies: after a successful login the client gets a token signed for that login
 * identifier; a later attempt that presents it is judged by that device's own failures, so strangers
 * guessing at an account cannot lock its owner out. The token is {@code nonce.expiry.mac}, the MAC over
 * the identifier's digest, the nonce and the expiry under a server key: no state is stored until the
 * device fails. It lives {@link #LIFETIME} and is replaced at every login, so a device in use keeps one
 * and a stolen one stops counting after a while.
 */
public final class DeviceTokens {
    /** As long as the device cookie; a lost token only means the account-wide rules apply again. */
    public static final Duration LIFETIME = Duration.ofDays(180);

    private static final int NONCE_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9_-]{22})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final KeyedHash mac;
    private final RandomSource random;
    private final Clock clock;

    public DeviceTokens(KeyedHash mac, RandomSource random, Clock clock) {
        this.mac = mac;
        this.random = random;
        this.clock = clock;
    }

    /** A new device token for {@code identifier} (the canonical login identifier). */
    public String issue(String identifier) {
        String nonce = ENCODER.encodeToString(random.nextBytes(NONCE_BYTES));
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        return nonce + "." + expiry + "." + sign(identifier, nonce, expiry);
    }

    /** The device id of {@code presented} when it was issued for {@code identifier} and has not expired. */
    public Optional<String> verify(String presented, String identifier) {
        var parts = presented.length() > 80 ? null : FORMAT.matcher(presented);
        if (parts == null || !parts.matches()) {
            return Optional.empty();
        }
        long expiry = Long.parseLong(parts.group(2));
        byte[] expected = sign(identifier, parts.group(1), expiry).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = parts.group(3).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = MessageDigest.isEqual(expected, actual);
        return genuine && clock.instant().getEpochSecond() < expiry ? Optional.of(parts.group(1)) : Optional.empty();
    }

    private String sign(String identifier, String nonce, long expiry) {
        byte[] message = ("gatehouse-device-v1:" + Sha256.hex(identifier) + ":" + nonce + ":" + expiry)
                .getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(mac.bytes(message));
    }
}
