package dev.gatehouse.core.limit;

import java.time.Duration;

/** Whether an attempt may go ahead; a refusal says when to come back. */
public sealed interface RateDecision {
    RateDecision ALLOWED = new Allowed();

    record Allowed() implements RateDecision {}

    /** @param retryAfter whole seconds, at least one: what {@code Retry-After} says */
    record Refused(Duration retryAfter, Cause cause) implements RateDecision {}

    /** For the audit trail only: the client sees one and the same 429 either way. */
    enum Cause {
        CLIENT_ADDRESS,
        ACCOUNT,
        ACCOUNT_LOCKED
    }

    static RateDecision refused(Duration retryAfter, Cause cause) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Refused(Duration.ofSeconds(seconds), cause);
    }
}
