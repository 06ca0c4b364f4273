/**
 * Abuse resistance: rate limits per client address and account identifier, and the progressive,
 * temporary lock-out after failed logins, over counters that one node keeps in memory and many
 * nodes share through Redis.
 */
@NullMarked
package dev.gatehouse.core.limit;

import org.jspecify.annotations.NullMarked;
