package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The few JDBC moves the stores need, errors as outages. Reads run on a pooled connection; writes take
 * the database's {@link WritePath}; inside a {@code Transactions.inOne} group both run on the group's
 * connection, so the group sees its own writes and commits them together.
 */
final class Jdbc {
    private final DataSource dataSource;
    private final WritePath writes;
    private final OpenTransaction open;

    Jdbc(DataSource dataSource, WritePath writes, OpenTransaction open) {
        this.dataSource = dataSource;
        this.writes = writes;
        this.open = open;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A statement that changes rows; how many it changed, once durable. */
    int update(String sql, Binder binder) {
        return write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /** A statement that changes rows and returns some ({@code RETURNING}); the rows, once durable. */
    <T> List<T> updateReturning(String sql, Binder binder, RowMapper<T> mapper) {
        return write(connection -> rows(connection, sql, binder, mapper));
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. */
    <T> T transaction(Work<T> work) {
        return write(work);
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        Optional<OpenTransaction.Group> group = open.current();
        if (group.isPresent()) {
            try {
                return rows(group.get().connection(), sql, binder, mapper);
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            return rows(connection, sql, binder, mapper);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
        return query(sql, binder, mapper).stream().findFirst();
    }

    private <T> T write(Work<T> work) {
        Optional<OpenTransaction.Group> group = open.current();
        if (group.isPresent()) {
            try {
                return work.run(group.get().connection());
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
        return writes.write(work);
    }

    private static <T> List<T> rows(Connection connection, String sql, Binder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    static StoreUnavailableException failure(String sql, SQLException e) {
        // The statement text names no secret: every value is a bound parameter.
        return new StoreUnavailableException("database statement failed (" + e.getErrorCode() + "): " + sql, e);
    }
}
