package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutboxStore;
import dev.gatehouse.core.mail.OutboxEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox in the {@code mail_outbox} table; on PostgreSQL a claim skips rows other nodes hold. */
public final class JdbcMailOutboxStore implements MailOutboxStore {
    /** Long enough for any error a mail server gives; the column is for an operator to read. */
    private static final int ERROR_LENGTH = 500;

    private final Jdbc jdbc;
    private final SqlDialect dialect;

    JdbcMailOutboxStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    @Override
    public void add(MailKind kind, EmailAddress recipient, Optional<AccountId> account, Instant at) {
        jdbc.update(
                "INSERT INTO mail_outbox (kind, recipient, account_id, created_at, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, kind.wireName());
                    s.setString(2, recipient.value());
                    if (account.isPresent()) {
                        s.setString(3, account.get().value());
                    } else {
                        s.setNull(3, Types.VARCHAR);
                    }
                    s.setLong(4, at.toEpochMilli());
                    s.setLong(5, at.toEpochMilli());
                });
    }

    /**
     * One statement: the rows are picked and marked claimed together, so two claimers never both get
     * one (on PostgreSQL the second skips rows the first has locked, and re-checks the claim of any it
     * waited for).
     */
    @Override
    public List<OutboxEntry> claim(Instant now, Instant claimedUntil, int limit) {
        return jdbc
                .updateReturning(
                        "UPDATE mail_outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id IN ("
                                + "SELECT id FROM mail_outbox WHERE gave_up = 0 AND next_attempt_at <= ? AND claimed_until <= ?"
                                + " ORDER BY id LIMIT ?" + dialect.skipLocked() + ")"
                                + " RETURNING id, kind, recipient, account_id, attempts, created_at",
                        s -> {
                            s.setLong(1, claimedUntil.toEpochMilli());
                            s.setLong(2, now.toEpochMilli());
                            s.setLong(3, now.toEpochMilli());
                            s.setInt(4, limit);
                        },
                        JdbcMailOutboxStore::toEntry)
                .stream()
                .sorted(java.util.Comparator.comparingLong(OutboxEntry::id))
                .toList();
    }

    @Override
    public void delivered(long id) {
        jdbc.update("DELETE FROM mail_outbox WHERE id = ?", s -> s.setLong(1, id));
    }

    @Override
    public void retryAt(long id, Instant next, String error) {
        jdbc.update("UPDATE mail_outbox SET next_attempt_at = ?, claimed_until = 0, last_error = ? WHERE id = ?", s -> {
            s.setLong(1, next.toEpochMilli());
            s.setString(2, shortened(error));
            s.setLong(3, id);
        });
    }

    @Override
    public void giveUp(long id, String error) {
        jdbc.update("UPDATE mail_outbox SET gave_up = 1, claimed_until = 0, last_error = ? WHERE id = ?", s -> {
            s.setString(1, shortened(error));
            s.setLong(2, id);
        });
    }

    @Override
    public int releaseClaims() {
        return jdbc.update("UPDATE mail_outbox SET claimed_until = 0 WHERE claimed_until <> 0", s -> {});
    }

    @Override
    public long pending() {
        return jdbc.queryOne(
                        "SELECT COUNT(*) AS n FROM mail_outbox WHERE gave_up = 0", s -> {}, row -> row.getLong("n"))
                .orElse(0L);
    }

    private static String shortened(String error) {
        return error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
    }

    private static OutboxEntry toEntry(ResultSet row) throws SQLException {
        String kind = row.getString("kind");
        return new OutboxEntry(
                row.getLong("id"),
                MailKind.fromWire(kind).orElseThrow(() -> new SQLException("unknown mail kind " + kind)),
                new EmailAddress(row.getString("recipient")),
                Optional.ofNullable(row.getString("account_id")).map(AccountId::new),
                row.getInt("attempts"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
