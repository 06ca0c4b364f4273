package dev.gatehouse.store.jdbc;

import java.time.Duration;

/**
 * One group commit: how many writes it carried, how many of those failed (and were rolled back alone),
 * and how long the transaction took from its first statement to the end of its commit.
 */
public record BatchCommitted(int writes, int failedWrites, Duration took) {}
