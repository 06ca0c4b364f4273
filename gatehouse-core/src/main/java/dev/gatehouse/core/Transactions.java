package dev.gatehouse.core;

import java.util.function.Supplier;

/**
 * Store calls that must commit together or not at all: a change and the audit event that records it
 * (a rotation is never durable without its event, nor the event without the rotation).
 *
 * <p>The core names the group; the store decides how it reaches the disk. The embedded store runs it
 * inside its next group commit, PostgreSQL as one transaction on one connection. Either way the call
 * returns only once the group is durable.
 */
public interface Transactions {

    /**
     * Runs {@code work} so that every store call in it commits together; returns once committed.
     * {@code work} may run on the store's writer thread, holding up every other write meanwhile: it
     * makes store calls and nothing slow (no hashing, no network but the store's).
     */
    <T> T inOne(Supplier<T> work);

    /**
     * Runs {@code action} once the group the caller is in has committed (at once when it is in none):
     * for what must not be seen before the change is durable, such as announcing a revocation to other
     * nodes, which then read it from the store.
     */
    void afterCommit(Runnable action);

    /** For stores that commit every call at once (the in-memory fakes of unit tests). */
    Transactions IMMEDIATE = new Transactions() {
        @Override
        public <T> T inOne(Supplier<T> work) {
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };
}
