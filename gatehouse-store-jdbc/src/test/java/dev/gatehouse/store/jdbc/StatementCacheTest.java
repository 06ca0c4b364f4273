package dev.gatehouse.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.testkit.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement cache on a real SQLite file in WAL mode, behind the same pool the server uses. */
class StatementCacheTest {
    private static final String SELECT = "SELECT name FROM things WHERE id = ?";

    @TempDir
    Path directory;

    private HikariDataSource pool;
    private StatementCache cache;
    private DataSource cached;

    @BeforeEach
    void openPool() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + directory.resolve("test.db"));
        config.setMaximumPoolSize(1); // every borrow gets the same physical connection back
        config.addDataSourceProperty("journal_mode", "WAL");
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            s.execute("INSERT INTO things VALUES (1, 'one'), (2, 'two')");
        }
        cache = new StatementCache();
        cached = cache.caching(pool);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aStatementPreparedAgainOnTheSameConnectionIsTheKeptOne() throws SQLException {
        assertThat(nameOf(1)).isEqualTo("one");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(nameOf(2)).isEqualTo("two");
        assertThat(cache.size()).as("the same text, kept once").isEqualTo(1);
    }

    /** A kept statement must not hold on to an old read snapshot: a change made elsewhere is seen. */
    @Test
    void aKeptQuerySeesWhatAnotherConnectionCommittedSince() throws SQLException {
        assertThat(nameOf(1)).isEqualTo("one");
        commitElsewhere("UPDATE things SET name = 'uno' WHERE id = 1");
        assertThat(nameOf(1)).isEqualTo("uno");
    }

    @Test
    void parametersDoNotCarryOverToTheNextBorrower() throws SQLException {
        assertThat(nameOf(1)).isEqualTo("one");
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT);
                ResultSet rows = s.executeQuery()) {
            // SQLite binds a parameter nobody set as NULL: no row, not the last borrower's id 1.
            assertThat(rows.next()).isFalse();
        }
    }

    /** The same text prepared while its kept statement is still open gets one of its own. */
    @Test
    void theSameQueryNestedInsideItsOwnRowsGetsAStatementOfItsOwn() throws SQLException {
        List<String> pairs = new ArrayList<>();
        try (Connection c = cached.getConnection();
                PreparedStatement outer = c.prepareStatement("SELECT id FROM things WHERE id >= ? ORDER BY id")) {
            outer.setInt(1, 1);
            try (ResultSet ids = outer.executeQuery()) {
                while (ids.next()) {
                    try (PreparedStatement inner =
                            c.prepareStatement("SELECT id FROM things WHERE id >= ? ORDER BY id")) {
                        inner.setInt(1, ids.getInt(1));
                        try (ResultSet rest = inner.executeQuery()) {
                            while (rest.next()) {
                                pairs.add(ids.getInt(1) + "-" + rest.getInt(1));
                            }
                        }
                    }
                }
            }
        }
        assertThat(pairs).containsExactly("1-1", "1-2", "2-2");
    }

    @Test
    void aReturnedStatementCannotBeUsedThroughTheOldHandle() throws SQLException {
        PreparedStatement returned;
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT)) {
            returned = s;
        }
        assertThat(returned.isClosed()).isTrue();
        assertThatThrownBy(() -> returned.setInt(1, 1)).isInstanceOf(SQLException.class);
    }

    @Test
    void writesAndRollbacksGoThroughKeptStatementsInTheConnectionsTransaction() throws SQLException {
        try (Connection c = cached.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO things VALUES (?, ?)")) {
                s.setInt(1, 3);
                s.setString(2, "three");
                s.executeUpdate();
            }
            c.rollback();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO things VALUES (?, ?)")) {
                s.setInt(1, 4);
                s.setString(2, "four");
                s.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
        }
        assertThat(nameOf(3)).isNull();
        assertThat(nameOf(4)).isEqualTo("four");
    }

    /** When the pool replaces a physical connection, its statements are forgotten with it. */
    @Test
    void statementsOfAConnectionThePoolClosedAreForgotten() throws SQLException {
        assertThat(nameOf(1)).isEqualTo("one");
        pool.getHikariPoolMXBean().softEvictConnections();
        assertThat(nameOf(2)).isEqualTo("two");
        // The pool closes the evicted connection on a thread of its own; the next borrow after that forgets it.
        Await.until("the closed connection's statement is forgotten", Duration.ofSeconds(10), () -> {
            try {
                return nameOf(2).equals("two") && cache.size() == 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The driver frees a statement behind most errors without marking it closed; it must not be lent again. */
    @Test
    void aStatementThatFailedIsPreparedAfreshNextTime() throws SQLException {
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT abs(?)")) {
            s.setLong(1, Long.MIN_VALUE); // "integer overflow" when it runs
            assertThatThrownBy(() -> s.executeQuery().next()).isInstanceOf(SQLException.class);
        }
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT abs(?)")) {
            s.setLong(1, -5);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void anUnfinishedBatchDoesNotCarryOverToTheNextBorrower() throws SQLException {
        String insert = "INSERT INTO things VALUES (?, ?)";
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement(insert)) {
            s.setInt(1, 3);
            s.setString(2, "three");
            s.addBatch(); // and never executed
        }
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement(insert)) {
            s.setInt(1, 4);
            s.setString(2, "four");
            s.executeUpdate();
        }
        assertThat(nameOf(3)).isNull();
        assertThat(nameOf(4)).isEqualTo("four");
    }

    /** A statement closed before its result set must not leave the read snapshot open on the connection. */
    @Test
    void closingTheStatementClosesTheResultSetItHandedOut() throws SQLException {
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT name FROM things ORDER BY id")) {
            ResultSet rows = s.executeQuery();
            assertThat(rows.next()).isTrue(); // one of two rows read, the result set left open
        }
        commitElsewhere("UPDATE things SET name = 'zwei' WHERE id = 2");
        assertThat(nameOf(2)).isEqualTo("zwei");
    }

    @Test
    void aReturnedConnectionLendsNoMoreStatements() throws SQLException {
        Connection returned;
        try (Connection c = cached.getConnection()) {
            returned = c;
        }
        assertThatThrownBy(() -> returned.prepareStatement(SELECT)).isInstanceOf(SQLException.class);
    }

    private String nameOf(int id) throws SQLException {
        try (Connection c = cached.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setInt(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** Runs {@code sql} through a pool of its own, as another process or node would. */
    private void commitElsewhere(String sql) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + directory.resolve("test.db"));
        config.setMaximumPoolSize(1);
        try (HikariDataSource other = new HikariDataSource(config);
                Connection c = other.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
