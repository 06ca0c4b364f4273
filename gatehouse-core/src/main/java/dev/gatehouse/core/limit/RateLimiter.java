package dev.gatehouse.core.limit;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.secret.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Rate limits per client address (IPv6 by /64) and per identifier, failure limits per address, and
 * the progressive lock-out after failed logins. Called before any password is hashed, so a refused
 * attempt costs a counter increment, not 24 ms of Argon2id. Every refusal and every lock-out is
 * recorded in the audit trail here, so no entry point can forget to.
 *
 * <p>Windows are fixed ({@code action:key:window-number}), which may let up to twice the limit through
 * across a window boundary; simple, and cheap enough on Redis. Identifiers are counted whether or not
 * an account exists, so limits and lock-outs say nothing about which accounts exist.
 *
 * <p>Lock-out follows OWASP's device-cookie scheme, so that guessing stays expensive without handing
 * anyone a way to keep an owner out. A client that signed in to this account before presents a device
 * token ({@code knownDevice}); it is judged by its own failures only: after {@code lockoutThreshold}
 * failures that device alone is locked, and neither the account-wide lock nor the per-identifier window
 * applies to it. Every other client shares the account-wide lock-out: from the threshold-th consecutive
 * failure on, each failure locks the identifier for unknown clients for {@code lockoutBase ×
 * 2^(failures − threshold)}, at most {@code lockoutMax}. Failures are forgotten a day after the last
 * one: never permanent. An admin's unlock forgives the identifier entirely ({@link #forgive}).
 */
public final class RateLimiter {
    private static final Duration FAILURE_MEMORY = Duration.ofDays(1);

    private final CounterStore counters;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final AuditTrail audit;
    /** Every refusal, counted here because the audit trail records them aggregated (see {@link #recorded}). */
    private final Map<LimitedAction, Map<RateDecision.Cause, LongAdder>> refusals = new EnumMap<>(LimitedAction.class);

    public RateLimiter(CounterStore counters, RateLimitPolicy policy, Clock clock, AuditTrail audit) {
        this.counters = counters;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
        for (LimitedAction action : LimitedAction.values()) {
            Map<RateDecision.Cause, LongAdder> byCause = new EnumMap<>(RateDecision.Cause.class);
            for (RateDecision.Cause cause : RateDecision.Cause.values()) {
                byCause.put(cause, new LongAdder());
            }
            refusals.put(action, byCause);
        }
    }

    /** Nothing is limited: for tests and for operators who limit in front of Gatehouse. */
    public static RateLimiter unlimited(Clock clock) {
        return new RateLimiter(
                new LocalCounters(clock, 1), RateLimitPolicy.none(), clock, AuditTrail.discarding(clock));
    }

    /** Counts one attempt of {@code action} and says whether it may go ahead. */
    public RateDecision attempt(LimitedAction action, String clientAddress, Optional<String> identifier) {
        return recorded(action, clientAddress, decide(action, clientAddress, identifier, true));
    }

    /**
     * Counts one login attempt. A known device (see the class comment) skips the account-wide lock and
     * the per-identifier window, and answers only for its own lock.
     *
     * @param forgivenAt when an administrator last forgave the identifier's failures, asked only when
     *     the identifier is locked: an unlock done by another process (the CLI) reaches this one so
     */
    public RateDecision attemptLogin(
            String clientAddress,
            String identifier,
            Optional<String> knownDevice,
            Supplier<Optional<Instant>> forgivenAt) {
        RateDecision decision = loginDecision(clientAddress, identifier, knownDevice);
        if (decision instanceof RateDecision.Refused refused
                && refused.cause() != RateDecision.Cause.CLIENT_ADDRESS
                && forgiveIfForgivenSince(identifier, forgivenAt)) {
            decision = loginDecision(clientAddress, identifier, knownDevice);
        }
        return recorded(LimitedAction.LOGIN, clientAddress, decision);
    }

    private RateDecision loginDecision(String clientAddress, String identifier, Optional<String> knownDevice) {
        String lockKey =
                knownDevice.map(device -> deviceLockKey(identifier, device)).orElseGet(() -> lockKey(identifier));
        return locked(lockKey, clock.instant())
                .orElseGet(() -> decide(
                        LimitedAction.LOGIN,
                        clientAddress,
                        knownDevice.isPresent() ? Optional.empty() : Optional.of(identifier),
                        false));
    }

    /** Applies an unlock recorded elsewhere once: true when it was new to this limiter. */
    private boolean forgiveIfForgivenSince(String identifier, Supplier<Optional<Instant>> forgivenAt) {
        Optional<Instant> at = forgivenAt.get();
        String applied = "forgiven:" + keyOf(identifier);
        if (at.isEmpty() || counters.get(applied) >= at.get().toEpochMilli()) {
            return false;
        }
        forgive(identifier);
        counters.put(applied, at.get().toEpochMilli(), FAILURE_MEMORY);
        return true;
    }

    /** A failed login: returns how long the identifier, or the known device, is now locked (zero when not). */
    public Duration loginFailed(String identifier, Optional<String> knownDevice) {
        String failures =
                knownDevice.map(device -> deviceFailureKey(identifier, device)).orElseGet(() -> failureKey(identifier));
        String lock =
                knownDevice.map(device -> deviceLockKey(identifier, device)).orElseGet(() -> lockKey(identifier));
        long count = counters.increment(failures, FAILURE_MEMORY);
        if (count < policy.lockoutThreshold()) {
            return Duration.ZERO;
        }
        long doublings = Math.min(count - policy.lockoutThreshold(), 30);
        Duration locked = policy.lockoutBase().multipliedBy(1L << doublings);
        if (locked.compareTo(policy.lockoutMax()) > 0 || locked.isNegative()) {
            locked = policy.lockoutMax();
        }
        counters.put(lock, clock.instant().plus(locked).toEpochMilli(), locked);
        audit.record(
                AuditType.ACCOUNT_LOCKED_OUT,
                Optional.empty(),
                Actor.SYSTEM,
                Map.of(
                        "identifier_sha256",
                        digest(identifier),
                        "scope",
                        knownDevice.isPresent() ? "device" : "unknown_clients",
                        "seconds",
                        Long.toString(locked.toSeconds())));
        return locked;
    }

    /**
     * A successful login. From a known device only that device starts afresh: failures of unknown
     * clients may be an attack still going on, and forgiving them would hand the attacker new guesses.
     */
    public void loginSucceeded(String identifier, Optional<String> knownDevice) {
        if (knownDevice.isPresent()) {
            counters.delete(deviceFailureKey(identifier, knownDevice.get()));
            counters.delete(deviceLockKey(identifier, knownDevice.get()));
        } else {
            counters.delete(failureKey(identifier));
            counters.delete(lockKey(identifier));
        }
    }

    /**
     * An admin's unlock: the identifier's failures, its lock, its login window and the locks of its known
     * devices all start afresh. Devices are not listed anywhere, so their counters carry the identifier's
     * generation, and a new generation leaves the old counters to expire unread.
     */
    public void forgive(String identifier) {
        counters.delete(failureKey(identifier));
        counters.delete(lockKey(identifier));
        counters.increment(generationKey(identifier), FAILURE_MEMORY);
        Limit window = policy.perIdentifier().get(LimitedAction.LOGIN);
        if (window != null) {
            long current = clock.instant().toEpochMilli() / window.window().toMillis();
            counters.delete(windowKey(LimitedAction.LOGIN, "id:" + keyOf(identifier), current));
        }
    }

    /** Whether {@code clientAddress} has failed {@code action} too often lately; counts nothing. */
    public RateDecision checkFailures(LimitedAction action, String clientAddress) {
        Limit limit = policy.failuresPerAddress().get(action);
        if (limit == null) {
            return RateDecision.ALLOWED;
        }
        Instant now = clock.instant();
        long window = now.toEpochMilli() / limit.window().toMillis();
        long count = counters.get(windowKey(action, "failed-ip:" + ClientAddress.group(clientAddress), window));
        RateDecision decision = count >= limit.max()
                ? RateDecision.refused(left(limit, now), RateDecision.Cause.CLIENT_ADDRESS)
                : RateDecision.ALLOWED;
        return recorded(action, clientAddress, decision);
    }

    /** Counts one failed {@code action} from {@code clientAddress}. */
    public void failed(LimitedAction action, String clientAddress) {
        Limit limit = policy.failuresPerAddress().get(action);
        if (limit != null) {
            count(limit, windowKeyNow(action, "failed-ip:" + ClientAddress.group(clientAddress), limit));
        }
    }

    private RateDecision decide(
            LimitedAction action, String clientAddress, Optional<String> identifier, boolean checkLock) {
        Instant now = clock.instant();
        if (checkLock && identifier.isPresent() && action == LimitedAction.LOGIN) {
            Optional<RateDecision> lock = locked(lockKey(identifier.get()), now);
            if (lock.isPresent()) {
                return lock.get();
            }
        }
        Limit byAddress = policy.perAddress().get(action);
        if (byAddress != null
                && count(byAddress, windowKeyNow(action, "ip:" + ClientAddress.group(clientAddress), byAddress))) {
            return RateDecision.refused(left(byAddress, now), RateDecision.Cause.CLIENT_ADDRESS);
        }
        Limit byIdentifier = policy.perIdentifier().get(action);
        if (identifier.isPresent()
                && byIdentifier != null
                && count(byIdentifier, windowKeyNow(action, "id:" + keyOf(identifier.get()), byIdentifier))) {
            return RateDecision.refused(left(byIdentifier, now), RateDecision.Cause.ACCOUNT);
        }
        return RateDecision.ALLOWED;
    }

    private Optional<RateDecision> locked(String key, Instant now) {
        long lockedUntil = counters.get(key);
        if (lockedUntil > now.toEpochMilli()) {
            return Optional.of(RateDecision.refused(
                    Duration.ofMillis(lockedUntil - now.toEpochMilli()), RateDecision.Cause.ACCOUNT_LOCKED));
        }
        return Optional.empty();
    }

    /**
     * Records refusals aggregated: per action, cause and client address (IPv6 by /64), per minute, the
     * 1st, 10th, 100th … refusal is an event carrying the count so far. A flood of refused requests
     * then costs a handful of rows and log lines, not one each, and still shows its size.
     */
    private RateDecision recorded(LimitedAction action, String clientAddress, RateDecision decision) {
        if (decision instanceof RateDecision.Refused refused) {
            refusals.get(action).get(refused.cause()).increment();
            long minute = clock.instant().getEpochSecond() / 60;
            String key = "refused:" + action.name() + ":" + refused.cause().name() + ":"
                    + keyOf(ClientAddress.group(clientAddress)) + ":" + minute;
            long count = counters.increment(key, Duration.ofMinutes(2));
            if (isPowerOfTen(count)) {
                audit.record(
                        AuditType.RATE_LIMITED,
                        Optional.empty(),
                        Actor.systemAt(clientAddress),
                        Map.of(
                                "action",
                                action.name().toLowerCase(Locale.ROOT),
                                "cause",
                                refused.cause().name().toLowerCase(Locale.ROOT),
                                "refusals_this_minute",
                                Long.toString(count)));
            }
        }
        return decision;
    }

    /** How many attempts of {@code action} this limiter has refused for {@code cause} since it started (for metrics). */
    public long refusals(LimitedAction action, RateDecision.Cause cause) {
        return refusals.get(action).get(cause).sum();
    }

    private static boolean isPowerOfTen(long count) {
        long power = 1;
        while (power < count && power <= Long.MAX_VALUE / 10) {
            power *= 10;
        }
        return power == count;
    }

    /** Adds one under {@code key}; true when that is more than the limit allows. */
    private boolean count(Limit limit, String key) {
        Instant now = clock.instant();
        return counters.increment(key, left(limit, now)) > limit.max();
    }

    private String windowKeyNow(LimitedAction action, String who, Limit limit) {
        return windowKey(
                action, who, clock.instant().toEpochMilli() / limit.window().toMillis());
    }

    private static String windowKey(LimitedAction action, String who, long window) {
        return "rl:" + action.name() + ":" + who + ":" + window;
    }

    private static Duration left(Limit limit, Instant now) {
        long windowMillis = limit.window().toMillis();
        long window = now.toEpochMilli() / windowMillis;
        return Duration.ofMillis((window + 1) * windowMillis - now.toEpochMilli());
    }

    /** Enough of a digest to tie events about one identifier together, without the address itself. */
    public static String digest(String identifier) {
        return Sha256.hex(identifier).substring(0, 16);
    }

    private static String failureKey(String identifier) {
        return "fail:" + keyOf(identifier);
    }

    private static String lockKey(String identifier) {
        return "lock:" + keyOf(identifier);
    }

    private String deviceFailureKey(String identifier, String device) {
        return "devfail:" + generation(identifier) + ":" + keyOf(identifier + ":" + device);
    }

    private String deviceLockKey(String identifier, String device) {
        return "devlock:" + generation(identifier) + ":" + keyOf(identifier + ":" + device);
    }

    private long generation(String identifier) {
        return counters.get(generationKey(identifier));
    }

    private static String generationKey(String identifier) {
        return "gen:" + keyOf(identifier);
    }

    /** Counters live in Redis too: they carry a digest of the identifier, never the address itself. */
    private static String keyOf(String identifier) {
        return Sha256.hex(identifier).substring(0, 32);
    }
}
