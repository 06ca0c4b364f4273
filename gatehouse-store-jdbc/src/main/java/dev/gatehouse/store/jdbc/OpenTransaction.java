package dev.gatehouse.store.jdbc;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transaction the current thread is running a {@code Transactions.inOne} group in, if any: its
 * connection, on which every store call of the group runs, and what to do once it commits.
 *
 * <p>A thread-local is enough because a group runs on one thread from start to end (the request's
 * virtual thread); it is set for exactly the group's duration and removed after.
 */
final class OpenTransaction {
    private final ThreadLocal<Group> current = new ThreadLocal<>();

    /** A group in progress on this thread. */
    static final class Group {
        private final Connection connection;
        private final List<Runnable> afterCommit = new ArrayList<>();

        private Group(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        /** Runs what waited for the commit, in order; each runs even when an earlier one failed. */
        void committed() {
            RuntimeException first = null;
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    Optional<Group> current() {
        return Optional.ofNullable(current.get());
    }

    /** Marks this thread as inside a group on {@code connection} until {@link #leave()}. */
    Group enter(Connection connection) {
        Group group = new Group(connection);
        current.set(group);
        return group;
    }

    void leave() {
        current.remove();
    }
}
