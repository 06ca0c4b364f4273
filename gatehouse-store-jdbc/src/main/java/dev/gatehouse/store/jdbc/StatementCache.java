package dev.gatehouse.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * code that asked for one gets a view whose {@code close()} closes the result set it handed out, clears
 * the parameters and any unfinished batch, and hands the statement back instead of closing it. A result
 * set left open would keep SQLite's read snapshot, and later reads on the connection would not see what
 * was committed since.
 *
 * <p>A statement is lent to one user at a time: the same text prepared again before the first is
 * closed (a query run while iterating another's rows) gets a statement of its own, closed as usual. A
 * statement that failed is closed for good and prepared afresh next time: the driver frees the native
 * statement behind most errors without marking it closed. Statements of a physical connection the pool
 * has closed are found closed and forgotten.
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
                        Connection pooled = pool.getConnection();
                        try {
                            return wrap(pooled);
                        } catch (SQLException | RuntimeException e) {
                            pooled.close();
                            throw e;
                        }
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
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new InvocationHandler() {
                    /** Set at close: the physical connection may belong to another thread from then on. */
                    private boolean returned;

                    @Override
                    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                        switch (method.getName()) {
                            case "prepareStatement" -> {
                                if (args.length == 1 && args[0] instanceof String sql) {
                                    if (returned) {
                                        throw new SQLException("connection already closed");
                                    }
                                    return lend(kept, physical, pooled, sql);
                                }
                            }
                            case "close" -> returned = true;
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            default -> {}
                        }
                        return StatementCache.invoke(pooled, method, args);
                    }
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
            lent = new Lent(physical.prepareStatement(sql), () -> kept.remove(sql));
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
        private final Runnable forget;
        boolean inUse;

        Lent(PreparedStatement statement, Runnable forget) {
            this.statement = statement;
            this.forget = forget;
        }

        PreparedStatement view() {
            InvocationHandler handler = new InvocationHandler() {
                private boolean returned;
                private boolean failed;
                private ResultSet handedOut;

                @Override
                public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                    switch (method.getName()) {
                        case "close" -> {
                            giveBack();
                            return null;
                        }
                        case "isClosed" -> {
                            return returned || statement.isClosed();
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "kept " + statement;
                        }
                        default -> {
                            if (returned) {
                                throw new SQLException("statement already closed");
                            }
                            try {
                                Object result = StatementCache.invoke(statement, method, args);
                                if (result instanceof ResultSet rows) {
                                    handedOut = rows;
                                }
                                return result;
                            } catch (SQLException | RuntimeException e) {
                                failed = true;
                                throw e;
                            }
                        }
                    }
                }

                private void giveBack() throws SQLException {
                    if (returned) {
                        return;
                    }
                    returned = true;
                    try {
                        if (handedOut != null) {
                            handedOut.close();
                        }
                        statement.clearBatch();
                        statement.clearParameters();
                    } catch (SQLException | RuntimeException e) {
                        failed = true;
                    } finally {
                        if (failed) {
                            // Never lent again: the driver may have freed what it stands on.
                            forget.run();
                            try {
                                statement.close();
                            } catch (SQLException ignored) {
                                // closing a statement that is already gone
                            }
                        }
                        inUse = false;
                    }
                }
            };
            return (PreparedStatement) Proxy.newProxyInstance(
                    PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
        }
    }
}
