package dev.gatehouse.bench;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Live browser sessions written in bulk with plain SQL, for runs that need a store the size of a real
 * deployment's: a million logins through the API would take hours of password hashing. The rows are
 * what a login writes (a random token, only its hash stored), so checks through the real store find
 * them as they would find any other.
 */
public final class SessionSeeder {
    private SessionSeeder() {}

    /**
     * Writes {@code count} sessions of {@code accountId}, live for an hour, in one transaction; returns
     * the tokens of {@code sample} of them spread evenly over the whole range (empty when 0).
     */
    public static SessionToken[] seed(Connection connection, String accountId, int count, int sample)
            throws SQLException {
        return seed(connection, accountId, count, sample, java.time.Instant.now());
    }

    /** As {@link #seed(Connection, String, int, int)}, created and last seen at {@code now}. */
    public static SessionToken[] seed(
            Connection connection, String accountId, int count, int sample, java.time.Instant now) throws SQLException {
        RandomSource random = RandomSource.secure();
        SessionToken[] kept = new SessionToken[sample];
        int every = sample == 0 ? Integer.MAX_VALUE : Math.max(1, count / sample);
        long at = now.toEpochMilli();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sessions (id, account_id, token_hash, created_at, last_seen_at, absolute_expires_at,"
                        + " ip_address, user_agent, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // Seeded afresh on each call: the runs that fill many accounts call this once per account.
            SplittableRandom ids = new SplittableRandom();
            for (int i = 0; i < count; i++) {
                SessionToken token = SessionToken.random(random);
                if (i % every == 0 && i / every < sample) {
                    kept[i / every] = token;
                }
                insert.setString(1, Long.toHexString(ids.nextLong()) + Long.toHexString(ids.nextLong()));
                insert.setString(2, accountId);
                insert.setString(3, token.hash().hex());
                insert.setLong(4, at);
                insert.setLong(5, at);
                insert.setLong(6, at + 3_600_000);
                insert.setString(7, "127.0.0.1");
                insert.setString(8, "bench");
                insert.setString(9, "BROWSER");
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return kept;
    }
}
