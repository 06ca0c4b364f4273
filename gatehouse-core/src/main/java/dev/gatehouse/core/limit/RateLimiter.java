package dev.gatehouse.core.limit;

import dev.gatehouse.core.secret.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rate limits per client address (IPv6 by /64) and per account identifier, and the progressive
 * lock-out of an identifier after failed logins. Called before any password is hashed, so a refused
 * attempt costs a counter increment, not 24 ms of Argon2id.
 *
 * <p>Windows are fixed ({@code action:key:window-number}), which may let up to twice the limit through
 * across a window boundary; simple, and cheap enough on Redis. Identifiers are counted whether or not
 * an account exists, so limits and lock-outs say nothing about which accounts exist.
 *
 * <p>Lock-out: from the {@code lockoutThreshold}-th consecutive failure on, each failure locks the
 * identifier for {@code lockoutBase × 2^(failures − threshold)}, at most {@code lockoutMax}; a success
 * clears it, so does an admin's unlock. Failures are forgotten a day after the last one: never
 * permanent.
 */
public final class RateLimiter {
    private static final Duration FAILURE_MEMORY = Duration.ofDays(1);

    private final CounterStore counters;
    private final Map<LimitedAction, Limit> perAddress;
    private final Map<LimitedAction, Limit> perIdentifier;
    private final int lockoutThreshold;
    private final Duration lockoutBase;
    private final Duration lockoutMax;
    private final Clock clock;

    public RateLimiter(
            CounterStore counters,
            Map<LimitedAction, Limit> perAddress,
            Map<LimitedAction, Limit> perIdentifier,
            int lockoutThreshold,
            Duration lockoutBase,
            Duration lockoutMax,
            Clock clock) {
        this.counters = counters;
        this.perAddress = new EnumMap<>(LimitedAction.class);
        this.perAddress.putAll(perAddress);
        this.perIdentifier = new EnumMap<>(LimitedAction.class);
        this.perIdentifier.putAll(perIdentifier);
        this.lockoutThreshold = lockoutThreshold;
        this.lockoutBase = lockoutBase;
        this.lockoutMax = lockoutMax;
        this.clock = clock;
    }

    /** Nothing is limited: for tests and for operators who limit in front of Gatehouse. */
    public static RateLimiter unlimited(Clock clock) {
        return new RateLimiter(
                new LocalCounters(clock, 1),
                Map.of(),
                Map.of(),
                Integer.MAX_VALUE,
                Duration.ZERO,
                Duration.ZERO,
                clock);
    }

    /** Counts one attempt of {@code action} and says whether it may go ahead. */
    public RateDecision attempt(LimitedAction action, String clientAddress, Optional<String> identifier) {
        Instant now = clock.instant();
        if (identifier.isPresent() && action == LimitedAction.LOGIN) {
            long lockedUntil = counters.get(lockKey(identifier.get()));
            if (lockedUntil > now.toEpochMilli()) {
                return RateDecision.refused(
                        Duration.ofMillis(lockedUntil - now.toEpochMilli()), RateDecision.Cause.ACCOUNT_LOCKED);
            }
        }
        Optional<RateDecision> byAddress = count(
                        action, perAddress.get(action), "ip:" + ClientAddress.group(clientAddress), now)
                .map(wait -> RateDecision.refused(wait, RateDecision.Cause.CLIENT_ADDRESS));
        if (byAddress.isPresent()) {
            return byAddress.get();
        }
        if (identifier.isPresent()) {
            Optional<RateDecision> byIdentifier = count(
                            action, perIdentifier.get(action), "id:" + keyOf(identifier.get()), now)
                    .map(wait -> RateDecision.refused(wait, RateDecision.Cause.ACCOUNT));
            if (byIdentifier.isPresent()) {
                return byIdentifier.get();
            }
        }
        return RateDecision.ALLOWED;
    }

    /** A failed login for {@code identifier}: returns how long it is now locked (zero when not). */
    public Duration loginFailed(String identifier) {
        long failures = counters.increment(failureKey(identifier), FAILURE_MEMORY);
        if (failures < lockoutThreshold) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - lockoutThreshold, 30);
        Duration lock = lockoutBase.multipliedBy(1L << doublings);
        if (lock.compareTo(lockoutMax) > 0 || lock.isNegative()) {
            lock = lockoutMax;
        }
        counters.put(lockKey(identifier), clock.instant().plus(lock).toEpochMilli(), lock);
        return lock;
    }

    /** A successful login, or an admin's unlock: the identifier starts afresh. */
    public void clearFailures(String identifier) {
        counters.delete(failureKey(identifier));
        counters.delete(lockKey(identifier));
    }

    private Optional<Duration> count(LimitedAction action, Limit limit, String who, Instant now) {
        if (limit == null) {
            return Optional.empty();
        }
        long windowMillis = limit.window().toMillis();
        long window = now.toEpochMilli() / windowMillis;
        Duration left = Duration.ofMillis((window + 1) * windowMillis - now.toEpochMilli());
        long count = counters.increment("rl:" + action.name() + ":" + who + ":" + window, left);
        return count > limit.max() ? Optional.of(left) : Optional.empty();
    }

    private static String failureKey(String identifier) {
        return "fail:" + keyOf(identifier);
    }

    private static String lockKey(String identifier) {
        return "lock:" + keyOf(identifier);
    }

    /** Counters live in Redis too: they carry a digest of the identifier, never the address itself. */
    private static String keyOf(String identifier) {
        return Sha256.hex(identifier).substring(0, 32);
    }
}
