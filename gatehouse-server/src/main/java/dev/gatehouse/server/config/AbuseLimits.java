package dev.gatehouse.server.config;

import dev.gatehouse.core.limit.Limit;

/**
 * The configured abuse limits.
 *
 * @param enabled on unless an operator limits in front of Gatehouse and says so
 * @param lockoutThreshold failed logins on one identifier before it is locked (briefly, then longer)
 * @param refreshPerFamily refreshes of one token login
 * @param failedRefreshPerAddress failed refreshes from one client address
 * @param introspectionPerClient introspections by one authenticated client
 * @param failedIntrospectionPerAddress unauthenticated introspection attempts from one client address
 */
public record AbuseLimits(
        boolean enabled,
        Limit loginPerAddress,
        Limit loginPerAccount,
        int lockoutThreshold,
        TrustedProxies trustedProxies,
        Limit refreshPerFamily,
        Limit failedRefreshPerAddress,
        Limit introspectionPerClient,
        Limit failedIntrospectionPerAddress) {}
