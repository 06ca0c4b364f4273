package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountStore;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts in the {@code accounts} table. */
public final class JdbcAccountStore implements AccountStore {
    private static final String COLUMNS = "id, email, password_hash, role, locked, created_at, email_verified";

    private final Jdbc jdbc;

    JdbcAccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An upsert that rewrites the existing row's email with itself when the address is taken: both
     * outcomes then cost one durable write, so sign-up's timing does not tell a registered address
     * from a new one (a plain ON CONFLICT DO NOTHING commits nothing, one fsync less: 10 ms or more,
     * measured by EnumerationIT).
     */
    @Override
    public boolean insert(Account account) {
        return jdbc
                .query(
                        "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (email) DO UPDATE SET email = accounts.email RETURNING id",
                        s -> {
                            s.setString(1, account.id().value());
                            s.setString(2, account.email().value());
                            s.setString(3, account.passwordHash().phcString());
                            s.setString(4, account.role().name());
                            s.setInt(5, account.locked() ? 1 : 0);
                            s.setLong(6, account.createdAt().toEpochMilli());
                            s.setInt(7, account.emailVerified() ? 1 : 0);
                        },
                        row -> row.getString("id"))
                .stream()
                .anyMatch(id -> id.equals(account.id().value()));
    }

    @Override
    public Optional<Account> findByEmail(EmailAddress email) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM accounts WHERE email = ?",
                s -> s.setString(1, email.value()),
                JdbcAccountStore::toAccount);
    }

    @Override
    public Optional<Account> findById(AccountId id) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM accounts WHERE id = ?",
                s -> s.setString(1, id.value()),
                JdbcAccountStore::toAccount);
    }

    @Override
    public boolean updatePasswordHash(AccountId id, PasswordHash hash) {
        return jdbc.update("UPDATE accounts SET password_hash = ? WHERE id = ?", s -> {
                    s.setString(1, hash.phcString());
                    s.setString(2, id.value());
                })
                == 1;
    }

    @Override
    public boolean markLoginsForgiven(AccountId id, java.time.Instant at) {
        return jdbc.update("UPDATE accounts SET logins_forgiven_at = ? WHERE id = ?", s -> {
                    s.setLong(1, at.toEpochMilli());
                    s.setString(2, id.value());
                })
                == 1;
    }

    @Override
    public Optional<java.time.Instant> loginsForgivenAt(EmailAddress email) {
        return jdbc.queryOne(
                "SELECT logins_forgiven_at FROM accounts WHERE email = ? AND logins_forgiven_at IS NOT NULL",
                s -> s.setString(1, email.value()),
                row -> java.time.Instant.ofEpochMilli(row.getLong("logins_forgiven_at")));
    }

    @Override
    public boolean markEmailVerified(AccountId id) {
        return jdbc.update("UPDATE accounts SET email_verified = 1 WHERE id = ?", s -> s.setString(1, id.value())) == 1;
    }

    /** The unique index on {@code email} decides a race for one address: the loser changes nothing. */
    @Override
    public boolean changeEmail(AccountId id, EmailAddress email) {
        return jdbc.update(
                        "UPDATE accounts SET email = ?, email_verified = 1 WHERE id = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM accounts WHERE email = ? AND id <> ?)",
                        s -> {
                            s.setString(1, email.value());
                            s.setString(2, id.value());
                            s.setString(3, email.value());
                            s.setString(4, id.value());
                        })
                == 1;
    }

    @Override
    public boolean updateLocked(AccountId id, boolean locked) {
        return jdbc.update("UPDATE accounts SET locked = ? WHERE id = ?", s -> {
                    s.setInt(1, locked ? 1 : 0);
                    s.setString(2, id.value());
                })
                == 1;
    }

    @Override
    public List<Account> list(int offset, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM accounts ORDER BY email LIMIT ? OFFSET ?",
                s -> {
                    s.setInt(1, limit);
                    s.setInt(2, offset);
                },
                JdbcAccountStore::toAccount);
    }

    @Override
    public List<Account> search(String fragment, int offset, int limit) {
        String pattern =
                "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM accounts WHERE email LIKE ? ESCAPE '\\' ORDER BY email LIMIT ? OFFSET ?",
                s -> {
                    s.setString(1, pattern);
                    s.setInt(2, limit);
                    s.setInt(3, offset);
                },
                JdbcAccountStore::toAccount);
    }

    @Override
    public boolean delete(AccountId id) {
        return jdbc.update("DELETE FROM accounts WHERE id = ?", s -> s.setString(1, id.value())) == 1;
    }

    @Override
    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) AS n FROM accounts", s -> {}, row -> row.getLong("n"))
                .orElse(0L);
    }

    @Override
    public boolean anyAdmin() {
        return jdbc.queryOne("SELECT 1 FROM accounts WHERE role = 'ADMIN' LIMIT 1", s -> {}, row -> true)
                .isPresent();
    }

    private static Account toAccount(ResultSet row) throws SQLException {
        return new Account(
                new AccountId(row.getString("id")),
                new EmailAddress(row.getString("email")),
                new PasswordHash(row.getString("password_hash")),
                Role.valueOf(row.getString("role")),
                row.getInt("locked") == 1,
                Instant.ofEpochMilli(row.getLong("created_at")),
                row.getInt("email_verified") == 1);
    }
}
