package dev.gatehouse.server.config;

import dev.gatehouse.core.limit.Limit;

/** A rate limit written as count/window: {@code 30/1m}. */
record RateLimit() implements ValueType<Limit> {

    @Override
    public Parsed<Limit> parse(String text) {
        return Limit.parse(text)
                .map(Parsed::accepted)
                .orElseGet(() -> Parsed.refused("must be count/window like 30/1m (s, m or h)"));
    }

    @Override
    public String show(Limit value) {
        return value.max() + "/" + DurationText.format(value.window());
    }
}
