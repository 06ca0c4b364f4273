package dev.gatehouse.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A migrated database behind a connection pool, handing out the core's stores. The SQLite and
 * PostgreSQL modules open one; everything after opening is the same code.
 */
public abstract class JdbcDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final WritePath writes;
    private final Jdbc jdbc;
    private final JdbcTransactions transactions;
    private final SqlDialect dialect;

    /** How this database's writes are committed. */
    protected enum Commits {
        /** A transaction per write (many writers, as on PostgreSQL). */
        EACH_ON_ITS_OWN,
        /** One writer committing whatever waits as one transaction (one writer, as on SQLite). */
        GROUPED
    }

    protected JdbcDatabase(HikariDataSource dataSource, SqlDialect dialect, Commits commits) {
        this.dataSource = dataSource;
        DataSource stores = dialect.compilesEveryPrepare() ? new StatementCache().caching(dataSource) : dataSource;
        this.writes = commits == Commits.GROUPED ? new GroupCommit(stores) : new DirectWrites(stores);
        OpenTransaction open = new OpenTransaction();
        this.jdbc = new Jdbc(stores, writes, open);
        this.transactions = new JdbcTransactions(writes, open);
        this.dialect = dialect;
    }

    /** Groups store calls into one transaction: a change with the audit event that records it. */
    public Transactions transactions() {
        return transactions;
    }

    /** Writes waiting for the next group commit (0 when writes commit on their own): a gauge. */
    public int waitingWrites() {
        return writes instanceof GroupCommit groupCommit ? groupCommit.waiting() : 0;
    }

    /** Tells {@code listener} of every group commit (none when writes commit on their own): for metrics. */
    public void onBatchCommitted(Consumer<BatchCommitted> listener) {
        if (writes instanceof GroupCommit groupCommit) {
            groupCommit.onCommit(listener);
        }
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

    public JdbcAuthorizationCodeStore authorizationCodes() {
        return new JdbcAuthorizationCodeStore(jdbc);
    }

    public JdbcBackChannelLogoutStore backChannelLogouts() {
        return new JdbcBackChannelLogoutStore(jdbc);
    }

    public JdbcConsentStore consents() {
        return new JdbcConsentStore(jdbc);
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

    public JdbcMailOutboxStore mailOutbox() {
        return new JdbcMailOutboxStore(jdbc, dialect);
    }

    public JdbcEmailTokenStore emailTokens() {
        return new JdbcEmailTokenStore(jdbc);
    }

    public JdbcSecondFactorStore secondFactors() {
        return new JdbcSecondFactorStore(jdbc);
    }

    public JdbcPasskeyStore passkeys() {
        return new JdbcPasskeyStore(jdbc);
    }

    public JdbcPendingLoginStore pendingLogins() {
        return new JdbcPendingLoginStore(jdbc);
    }

    public JdbcAuditStore auditEvents() {
        return new JdbcAuditStore(jdbc);
    }

    @Override
    public void close() {
        writes.close();
        dataSource.close();
    }
}
