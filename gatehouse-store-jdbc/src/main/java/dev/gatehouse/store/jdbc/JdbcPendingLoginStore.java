package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.login.PendingLogin;
import dev.gatehouse.core.login.PendingLoginStore;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.TokenHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Sign-ins waiting for a second factor, in {@code pending_logins}, found by the hash of their token. */
public final class JdbcPendingLoginStore implements PendingLoginStore {
    private static final String COLUMNS =
            "id, token_hash, account_id, kind, client_id, scope, created_at, expires_at, attempts";

    private final Jdbc jdbc;

    JdbcPendingLoginStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(PendingLogin login) {
        jdbc.update("INSERT INTO pending_logins (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, login.id());
            s.setString(2, login.tokenHash().hex());
            s.setString(3, login.accountId().value());
            s.setString(4, login.kind().name());
            s.setString(5, login.clientId().orElse(null));
            s.setString(6, login.scope());
            s.setLong(7, login.createdAt().toEpochMilli());
            s.setLong(8, login.expiresAt().toEpochMilli());
            s.setInt(9, login.attempts());
        });
    }

    @Override
    public Optional<PendingLogin> findByTokenHash(TokenHash tokenHash) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM pending_logins WHERE token_hash = ?",
                s -> s.setString(1, tokenHash.hex()),
                JdbcPendingLoginStore::toPendingLogin);
    }

    @Override
    public boolean countAttempt(String id, int max) {
        return jdbc.update("UPDATE pending_logins SET attempts = attempts + 1 WHERE id = ? AND attempts < ?", s -> {
                    s.setString(1, id);
                    s.setInt(2, max);
                })
                == 1;
    }

    @Override
    public boolean delete(String id) {
        return jdbc.update("DELETE FROM pending_logins WHERE id = ?", s -> s.setString(1, id)) == 1;
    }

    @Override
    public int deleteByAccount(AccountId account) {
        return jdbc.update("DELETE FROM pending_logins WHERE account_id = ?", s -> s.setString(1, account.value()));
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.update("DELETE FROM pending_logins WHERE expires_at <= ?", s -> s.setLong(1, now.toEpochMilli()));
    }

    private static PendingLogin toPendingLogin(ResultSet row) throws SQLException {
        return new PendingLogin(
                row.getString("id"),
                new TokenHash(row.getString("token_hash")),
                new AccountId(row.getString("account_id")),
                SessionKind.valueOf(row.getString("kind")),
                Optional.ofNullable(row.getString("client_id")),
                row.getString("scope"),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("expires_at")),
                row.getInt("attempts"));
    }
}
