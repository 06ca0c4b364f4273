package dev.gatehouse.server.config;

import dev.gatehouse.core.limit.Limit;

/**
 * The configured abuse limits.
 *
 * @param enabled on unless an operator limits in front of Gatehouse and says so
 * @param lockoutThreshold failed logins on one identifier before it is locked (briefly, then longer)
 */
public record AbuseLimits(
        boolean enabled,
        Limit loginPerAddress,
        Limit loginPerAccount,
        int lockoutThreshold,
        TrustedProxies trustedProxies) {}
