package dev.gatehouse.core.login;

import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OWASP's device cookies: after a successful login the client gets a token signed for that login
 * identifier; a later attempt that presents it is judged by that device's own failures, so strangers
 * guessing at an account cannot lock its owner out. The token is {@code nonce.mac}, the MAC over the
 * identifier's digest and the nonce under a server key: no state is stored until the device fails.
 */
public final class DeviceTokens {
    private static final int NONCE_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final KeyedHash mac;
    private final RandomSource random;

    public DeviceTokens(KeyedHash mac, RandomSource random) {
        this.mac = mac;
        this.random = random;
    }

    /** A new device token for {@code identifier} (the canonical login identifier). */
    public String issue(String identifier) {
        String nonce = ENCODER.encodeToString(random.nextBytes(NONCE_BYTES));
        return nonce + "." + sign(identifier, nonce);
    }

    /** The device id of {@code presented} when it was issued for {@code identifier}; empty otherwise. */
    public Optional<String> verify(String presented, String identifier) {
        if (presented.length() != 66 || !FORMAT.matcher(presented).matches()) {
            return Optional.empty();
        }
        String nonce = presented.substring(0, 22);
        byte[] expected = sign(identifier, nonce).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = presented.substring(23).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Optional.of(nonce) : Optional.empty();
    }

    private String sign(String identifier, String nonce) {
        byte[] message =
                ("gatehouse-device-v1:" + Sha256.hex(identifier) + ":" + nonce).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(mac.bytes(message));
    }
}
