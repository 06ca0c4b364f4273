package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.AuthorizationCode;
import dev.gatehouse.core.oidc.AuthorizationCodeStore;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.TokenHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Authorization codes in {@code authorization_codes}; they die with their session (ON DELETE CASCADE). */
public final class JdbcAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String COLUMNS = "code_hash, client_id, redirect_uri, code_challenge, nonce, session_id,"
            + " account_id, scope, created_at, expires_at";

    private final Jdbc jdbc;

    JdbcAuthorizationCodeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(AuthorizationCode code) {
        jdbc.update("INSERT INTO authorization_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, code.hash().hex());
            s.setString(2, code.clientId().value());
            s.setString(3, code.redirectUri());
            s.setString(4, code.codeChallenge());
            s.setString(5, code.nonce().orElse(null));
            s.setString(6, code.sessionId().value());
            s.setString(7, code.accountId().value());
            s.setString(8, code.scope());
            s.setLong(9, code.createdAt().toEpochMilli());
            s.setLong(10, code.expiresAt().toEpochMilli());
        });
    }

    @Override
    public Optional<AuthorizationCode> take(TokenHash hash, Instant at) {
        // One statement: of two concurrent takes, only the one that finds used_at empty gets a row.
        return jdbc
                .updateReturning(
                        "UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL RETURNING "
                                + COLUMNS,
                        s -> {
                            s.setLong(1, at.toEpochMilli());
                            s.setString(2, hash.hex());
                        },
                        JdbcAuthorizationCodeStore::toCode)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<AuthorizationCode> find(TokenHash hash) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM authorization_codes WHERE code_hash = ?",
                s -> s.setString(1, hash.hex()),
                JdbcAuthorizationCodeStore::toCode);
    }

    @Override
    public int deleteExpired(Instant before) {
        return jdbc.update(
                "DELETE FROM authorization_codes WHERE expires_at < ?", s -> s.setLong(1, before.toEpochMilli()));
    }

    private static AuthorizationCode toCode(ResultSet row) throws SQLException {
        return new AuthorizationCode(
                new TokenHash(row.getString("code_hash")),
                new ClientId(row.getString("client_id")),
                row.getString("redirect_uri"),
                row.getString("code_challenge"),
                Optional.ofNullable(row.getString("nonce")),
                new SessionId(row.getString("session_id")),
                new AccountId(row.getString("account_id")),
                row.getString("scope"),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("expires_at")));
    }
}
