package dev.gatehouse.server.app;

import dev.gatehouse.core.limit.Limit;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.server.config.AbuseLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The limits of every rate-limited action: logins as configured, the rest fixed here (and listed in
 * docs/security.md). Generous for people and proxies, tight for scripts.
 */
final class AbuseDefaults {
    static final Duration LOCKOUT_BASE = Duration.ofSeconds(30);
    static final Duration LOCKOUT_MAX = Duration.ofMinutes(15);

    private AbuseDefaults() {}

    static Map<LimitedAction, Limit> perAddress(AbuseLimits limits) {
        Map<LimitedAction, Limit> map = new EnumMap<>(LimitedAction.class);
        map.put(LimitedAction.LOGIN, limits.loginPerAddress());
        map.put(LimitedAction.SIGN_UP, new Limit(20, Duration.ofHours(1)));
        map.put(LimitedAction.REFRESH, new Limit(300, Duration.ofMinutes(1)));
        map.put(LimitedAction.PASSWORD_CHANGE, new Limit(20, Duration.ofHours(1)));
        map.put(LimitedAction.INTROSPECTION, new Limit(1_200, Duration.ofMinutes(1)));
        map.put(LimitedAction.REVOCATION, new Limit(120, Duration.ofMinutes(1)));
        return map;
    }

    static Map<LimitedAction, Limit> perIdentifier(AbuseLimits limits) {
        Map<LimitedAction, Limit> map = new EnumMap<>(LimitedAction.class);
        map.put(LimitedAction.LOGIN, limits.loginPerAccount());
        map.put(LimitedAction.SIGN_UP, new Limit(3, Duration.ofHours(1)));
        map.put(LimitedAction.PASSWORD_CHANGE, new Limit(5, Duration.ofMinutes(15)));
        return map;
    }
}
