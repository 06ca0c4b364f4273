package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A migrated database behind a connection pool, handing out the core's stores. The SQLite and
 * PostgreSQL modules open one; everything after opening is the same code.
 */
public abstract class JdbcDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final SqlDialect dialect;

    protected JdbcDatabase(HikariDataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        this.dialect = dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the data lives, for the start-up print; never a password. */
    public abstract String description();

    /** True when the database answers a trivial query: what readiness reports. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            return statement.executeQuery("SELECT 1").next();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public JdbcAccountStore accounts() {
        return new JdbcAccountStore(jdbc);
    }

    public JdbcSessionStore sessions() {
        return new JdbcSessionStore(jdbc);
    }

    public JdbcClientStore clients() {
        return new JdbcClientStore(jdbc);
    }

    public JdbcSigningKeyStore signingKeys() {
        return new JdbcSigningKeyStore(jdbc);
    }

    public JdbcRefreshTokenStore refreshTokens() {
        return new JdbcRefreshTokenStore(jdbc);
    }

    public JdbcRevokedTokenStore revokedTokens() {
        return new JdbcRevokedTokenStore(jdbc);
    }

    public JdbcRevocationStore revocations() {
        return new JdbcRevocationStore(jdbc, dialect);
    }

    public JdbcAuditStore auditEvents() {
        return new JdbcAuditStore(jdbc);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
