package dev.gatehouse.core.account;

import dev.gatehouse.core.GatehouseException;
import java.time.Duration;

/**
 * Every hashing slot and every place in the queue is taken: the request is refused at once instead of
 * waiting behind hundreds of others (an outage of capacity, so an exception, not an outcome). The edge
 * answers 503 with {@code Retry-After}.
 */
public final class HashingBusyException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public HashingBusyException(Duration retryAfter) {
        super("password hashing is at capacity");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
