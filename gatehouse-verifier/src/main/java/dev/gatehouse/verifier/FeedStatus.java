package dev.gatehouse.verifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How current this verifier's view of the revocation feed is.
 *
 * @param lastSync when the feed was last heard from (an event, a heartbeat or a poll); empty before the first
 * @param staleness how long ago that was, or empty before the first
 * @param cursor the last entry applied
 */
public record FeedStatus(Optional<Instant> lastSync, Optional<Duration> staleness, long cursor, boolean streaming) {}
