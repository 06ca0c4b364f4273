package dev.gatehouse.core.limit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the {@link RateLimiter} allows.
 *
 * @param perAddress attempts per client address (IPv6 by /64)
 * @param perIdentifier attempts per identifier: an account's address for logins and sign-ups, a token
 *     family for refreshes, a client for introspection
 * @param failuresPerAddress failed attempts per client address, for actions whose successes are
 *     counted per identifier instead (refresh, introspection): a NAT full of honest users is not one
 *     attacker, but one address that keeps failing is
 * @param lockoutThreshold consecutive failed logins before an identifier (or a known device) is locked
 */
public record RateLimitPolicy(
        Map<LimitedAction, Limit> perAddress,
        Map<LimitedAction, Limit> perIdentifier,
        Map<LimitedAction, Limit> failuresPerAddress,
        int lockoutThreshold,
        Duration lockoutBase,
        Duration lockoutMax) {

    public RateLimitPolicy {
        perAddress = copy(perAddress);
        perIdentifier = copy(perIdentifier);
        failuresPerAddress = copy(failuresPerAddress);
    }

    /** Nothing is limited and nobody is ever locked out. */
    public static RateLimitPolicy none() {
        return new RateLimitPolicy(Map.of(), Map.of(), Map.of(), Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO);
    }

    private static Map<LimitedAction, Limit> copy(Map<LimitedAction, Limit> limits) {
        Map<LimitedAction, Limit> copy = new EnumMap<>(LimitedAction.class);
        copy.putAll(limits);
        return java.util.Collections.unmodifiableMap(copy);
    }
}
