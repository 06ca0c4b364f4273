package dev.gatehouse.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The little that differs between the databases Gatehouse runs on; every other statement is the
 * same text on both.
 */
public enum SqlDialect {
    /** One writer at a time by design: appends are already serialised. */
    SQLITE {
        @Override
        void serializeRevocationAppends(Connection connection) {}

        @Override
        String skipLocked() {
            return "";
        }

        @Override
        boolean compilesEveryPrepare() {
            return true;
        }
    },
    /**
     * Sequence values are handed out before commit, so two concurrent appends could commit in the
     * opposite order of their cursors, and a reader that has seen the higher one would skip the
     * lower one for good. A transaction-scoped advisory lock makes cursor order commit order;
     * revocations are rare enough that the queue costs nothing.
     */
    POSTGRESQL {
        @Override
        void serializeRevocationAppends(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + REVOCATION_APPEND_LOCK + ")");
            }
        }

        @Override
        String skipLocked() {
            return " FOR UPDATE SKIP LOCKED";
        }

        @Override
        boolean compilesEveryPrepare() {
            return false; // the driver keeps server-side statements per connection itself
        }
    };

    /** An arbitrary constant naming the advisory lock; it only has to be the same on every node. */
    private static final long REVOCATION_APPEND_LOCK = 0x6761746568L;

    abstract void serializeRevocationAppends(Connection connection) throws SQLException;

    /**
     * What a claim's inner select ends with so that nodes claiming at once pass over each other's rows
     * instead of waiting for them; nothing on SQLite, whose one writer claims alone.
     */
    abstract String skipLocked();

    /**
     * Whether the driver compiles a statement's text on every prepare (SQLite's does), so that keeping
     * prepared statements per connection ({@link StatementCache}) saves that work.
     */
    abstract boolean compilesEveryPrepare();
}
