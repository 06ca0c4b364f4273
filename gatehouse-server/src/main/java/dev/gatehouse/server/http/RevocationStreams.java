package dev.gatehouse.server.http;

import dev.gatehouse.core.revocation.Revocation;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The revocation streams of this node: their slots, and what they tell the operator's metrics (how many
 * are open, how long after its revocation each entry went out). One per process, shared by every
 * listener the server brings up.
 */
public final class RevocationStreams {
    final StreamSlots slots =
            new StreamSlots(RevocationFeedRoutes.MAX_STREAMS, RevocationFeedRoutes.MAX_STREAMS_PER_CLIENT);
    private final Clock clock;
    private final Consumer<Duration> lag;

    /** @param lag told, for every entry pushed, how long after its revocation that was */
    public RevocationStreams(Clock clock, Consumer<Duration> lag) {
        this.clock = clock;
        this.lag = lag;
    }

    /** Streams open now. */
    public int open() {
        return slots.open();
    }

    void pushed(Revocation entry) {
        // Another node's clock may be a little ahead: never a negative lag.
        Duration since = Duration.between(entry.revokedAt(), clock.instant());
        lag.accept(since.isNegative() ? Duration.ZERO : since);
    }
}
