package dev.gatehouse.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Keeps each connection's prepared statements for the next time the same text is prepared on it.
 *
 * <p>SQLite's driver compiles a statement afresh on every {@code prepareStatement}, and that compiling
 * was a tenth of the server's CPU under the refresh load. The statements are prepared on the pooled
 * connection's physical connection, so the pool does not close them when the connection goes back; the
 * code that asked for one gets a view whose {@code close()} clears the parameters and hands the
 * statement back instead of closing it.
 *
 * <p>A statement is lent to one user at a time: the same text prepared again before the first is
 * closed (a query run while iterating another's rows) gets a statement of its own, closed as usual.
 * Statements of a physical connection the pool has closed are found closed and forgotten.
 */
final class StatementCache {
    /** Statements kept per physical connection; more distinct texts than this are prepared each time. */
    private static final int MAX_PER_CONNECTION = 256;

    private final Map<Connection, Map<String, Lent>> byConnection = new ConcurrentHashMap<>();

    /** {@code pool}, whose connections serve {@code prepareStatement(String)} from this cache. */
    DataSource caching(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && (args == null || args.length == 0)) {
                        return wrap(pool.getConnection());
                    }
                    return invoke(pool, method, args);
                });
    }

    /** {@code pooled}, with {@code prepareStatement(String)} served from the cache. */
    Connection wrap(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        // A few connections at most, each asked a field: cheap enough to do at every borrow.
        forgetClosedConnections();
        Map<String, Lent> kept = byConnection.computeIfAbsent(physical, c -> new HashMap<>());
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")
                            && args != null
                            && args.length == 1
                            && args[0] instanceof String sql) {
                        return lend(kept, physical, pooled, sql);
                    }
                    return invoke(pooled, method, args);
                });
    }

    /** How many statements are kept now, over every connection (for tests). */
    int size() {
        return byConnection.values().stream().mapToInt(Map::size).sum();
    }

    // The map of one physical connection is only touched by the one thread that holds that connection.
    private static PreparedStatement lend(Map<String, Lent> kept, Connection physical, Connection pooled, String sql)
            throws SQLException {
        Lent lent = kept.get(sql);
        if (lent != null && lent.statement.isClosed()) {
            kept.remove(sql);
            lent = null;
        }
        if (lent == null) {
            if (kept.size() >= MAX_PER_CONNECTION) {
                return pooled.prepareStatement(sql);
            }
            lent = new Lent(physical.prepareStatement(sql));
            kept.put(sql, lent);
        }
        if (lent.inUse) {
            return pooled.prepareStatement(sql);
        }
        lent.inUse = true;
        return lent.view();
    }

    private void forgetClosedConnections() {
        for (Iterator<Connection> it = byConnection.keySet().iterator(); it.hasNext(); ) {
            Connection connection = it.next();
            try {
                if (connection.isClosed()) {
                    it.remove();
                }
            } catch (SQLException e) {
                it.remove();
            }
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One kept statement and whether somebody holds it now. */
    private static final class Lent {
        final PreparedStatement statement;
        boolean inUse;

        Lent(PreparedStatement statement) {
            this.statement = statement;
        }

        PreparedStatement view() {
            InvocationHandler handler = new InvocationHandler() {
                private boolean returned;

                @Override
                public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned) {
                                returned = true;
                                try {
                                    statement.clearParameters();
                                } finally {
                                    inUse = false;
                                }
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned || statement.isClosed();
                        }
                        default -> {
                            if (returned) {
                                throw new SQLException("statement already closed");
                            }
                            return StatementCache.invoke(statement, method, args);
                        }
                    }
                }
            };
            return (PreparedStatement) Proxy.newProxyInstance(
                    PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
        }
    }
}
