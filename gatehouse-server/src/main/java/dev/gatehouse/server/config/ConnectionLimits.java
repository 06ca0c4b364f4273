package dev.gatehouse.server.config;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * The configured bounds on connections; docs/security.md explains how they work together.
 *
 * @param maxConnections connections held at once; empty for {@code auto}, worked out from the open-file
 *     limit when the server starts
 * @param maxPerAddress connections held at once from one client address (IPv6 by /64)
 * @param idleTimeout how long a connection may start no request, or take none of a response
 * @param readTimeout how long a request header may take from its first byte; the grace before a body
 *     must keep up the minimum data rate
 */
public record ConnectionLimits(
        OptionalInt maxConnections, int maxPerAddress, Duration idleTimeout, Duration readTimeout) {}
