package dev.gatehouse.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Every write in a transaction of its own on a pooled connection. PostgreSQL takes this path: its
 * server already commits concurrent transactions from many connections with shared WAL flushes, so
 * batching them again here would only add a hand-off.
 */
final class DirectWrites implements WritePath {
    private final DataSource dataSource;

    DirectWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T write(Jdbc.Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("transaction", e);
        }
    }

    @Override
    public void close() {}
}
