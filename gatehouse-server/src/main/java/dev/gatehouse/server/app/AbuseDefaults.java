package dev.gatehouse.server.app;

import dev.gatehouse.core.limit.Limit;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateLimitPolicy;
import dev.gatehouse.server.config.AbuseLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The limits of every rate-limited action: the configured ones, and the rest fixed here (all listed in
 * docs/security.md). Generous for people and proxies, tight for scripts. Refresh and introspection are
 * limited per token family and per client, not per address, since one carrier NAT or one API gateway
 * is many honest users; only their failures are counted per address.
 */
final class AbuseDefaults {
    static final Duration LOCKOUT_BASE = Duration.ofSeconds(30);
    static final Duration LOCKOUT_MAX = Duration.ofMinutes(15);

    private AbuseDefaults() {}

    static RateLimitPolicy policy(AbuseLimits limits) {
        return new RateLimitPolicy(
                perAddress(limits),
                perIdentifier(limits),
                failuresPerAddress(limits),
                limits.lockoutThreshold(),
                LOCKOUT_BASE,
                LOCKOUT_MAX);
    }

    static Map<LimitedAction, Limit> perAddress(AbuseLimits limits) {
        Map<LimitedAction, Limit> map = new EnumMap<>(LimitedAction.class);
        map.put(LimitedAction.LOGIN, limits.loginPerAddress());
        map.put(LimitedAction.SIGN_UP, new Limit(20, Duration.ofHours(1)));
        map.put(LimitedAction.PASSWORD_CHANGE, new Limit(20, Duration.ofHours(1)));
        map.put(LimitedAction.REVOCATION, new Limit(120, Duration.ofMinutes(1)));
        map.put(LimitedAction.PASSWORD_RESET, new Limit(20, Duration.ofHours(1)));
        map.put(LimitedAction.EMAIL_LINK, new Limit(20, Duration.ofHours(1)));
        return map;
    }

    /** Identifiers: an account's address, a token family ({@code family:<id>}), a client ({@code client:<id>}). */
    static Map<LimitedAction, Limit> perIdentifier(AbuseLimits limits) {
        Map<LimitedAction, Limit> map = new EnumMap<>(LimitedAction.class);
        map.put(LimitedAction.LOGIN, limits.loginPerAccount());
        map.put(LimitedAction.SIGN_UP, new Limit(3, Duration.ofHours(1)));
        map.put(LimitedAction.PASSWORD_CHANGE, new Limit(5, Duration.ofMinutes(15)));
        // The mails one address can be sent by strangers: 3 reset links and 3 verification links an hour.
        map.put(LimitedAction.PASSWORD_RESET, new Limit(3, Duration.ofHours(1)));
        map.put(LimitedAction.EMAIL_LINK, new Limit(3, Duration.ofHours(1)));
        map.put(LimitedAction.REFRESH, limits.refreshPerFamily());
        map.put(LimitedAction.INTROSPECTION, limits.introspectionPerClient());
        return map;
    }

    static Map<LimitedAction, Limit> failuresPerAddress(AbuseLimits limits) {
        Map<LimitedAction, Limit> map = new EnumMap<>(LimitedAction.class);
        map.put(LimitedAction.REFRESH, limits.failedRefreshPerAddress());
        map.put(LimitedAction.INTROSPECTION, limits.failedIntrospectionPerAddress());
        // Guessing a link's token (256 bits) is hopeless; this keeps the attempt from costing anything.
        map.put(LimitedAction.EMAIL_TOKEN, new Limit(20, Duration.ofHours(1)));
        return map;
    }
}
