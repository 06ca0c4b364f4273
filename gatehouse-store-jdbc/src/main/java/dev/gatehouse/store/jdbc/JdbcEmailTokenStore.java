package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.email.EmailToken;
import dev.gatehouse.core.email.EmailTokenPurpose;
import dev.gatehouse.core.email.EmailTokenStore;
import dev.gatehouse.core.session.TokenHash;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Hashes of mailed links' tokens in the {@code email_tokens} table; taking one is a single delete. */
public final class JdbcEmailTokenStore implements EmailTokenStore {
    private static final String COLUMNS = "token_hash, purpose, account_id, address, created_at, expires_at";

    private final Jdbc jdbc;

    JdbcEmailTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void replace(EmailToken token) {
        jdbc.transaction(connection -> {
            try (PreparedStatement s =
                    connection.prepareStatement("DELETE FROM email_tokens WHERE account_id = ? AND purpose = ?")) {
                s.setString(1, token.account().value());
                s.setString(2, token.purpose().name());
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO email_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, token.hash().hex());
                s.setString(2, token.purpose().name());
                s.setString(3, token.account().value());
                s.setString(4, token.address().value());
                s.setLong(5, token.createdAt().toEpochMilli());
                s.setLong(6, token.expiresAt().toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<EmailToken> find(TokenHash hash, EmailTokenPurpose purpose) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM email_tokens WHERE token_hash = ? AND purpose = ?",
                s -> {
                    s.setString(1, hash.hex());
                    s.setString(2, purpose.name());
                },
                JdbcEmailTokenStore::toToken);
    }

    @Override
    public Optional<EmailToken> take(TokenHash hash, EmailTokenPurpose purpose) {
        return jdbc
                .updateReturning(
                        "DELETE FROM email_tokens WHERE token_hash = ? AND purpose = ? RETURNING " + COLUMNS,
                        s -> {
                            s.setString(1, hash.hex());
                            s.setString(2, purpose.name());
                        },
                        JdbcEmailTokenStore::toToken)
                .stream()
                .findFirst();
    }

    @Override
    public int discard(AccountId account, EmailTokenPurpose purpose) {
        return jdbc.update("DELETE FROM email_tokens WHERE account_id = ? AND purpose = ?", s -> {
            s.setString(1, account.value());
            s.setString(2, purpose.name());
        });
    }

    private static EmailToken toToken(ResultSet row) throws SQLException {
        return new EmailToken(
                new TokenHash(row.getString("token_hash")),
                EmailTokenPurpose.valueOf(row.getString("purpose")),
                new AccountId(row.getString("account_id")),
                new EmailAddress(row.getString("address")),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("expires_at")));
    }
}
