package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.factor.SecondFactorStore;
import dev.gatehouse.core.factor.TotpCredential;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Authenticator apps in {@code totp_credentials}, recovery-code hashes in {@code recovery_codes}. */
public final class JdbcSecondFactorStore implements SecondFactorStore {
    private final Jdbc jdbc;

    JdbcSecondFactorStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TotpCredential> findTotp(AccountId accountId) {
        return jdbc.queryOne(
                "SELECT account_id, sealed_secret, confirmed_at, last_used_step, created_at FROM totp_credentials"
                        + " WHERE account_id = ?",
                s -> s.setString(1, accountId.value()),
                JdbcSecondFactorStore::toCredential);
    }

    @Override
    public boolean saveUnconfirmedTotp(TotpCredential credential) {
        return jdbc.transaction(connection -> {
            try (var delete = connection.prepareStatement(
                    "DELETE FROM totp_credentials WHERE account_id = ? AND confirmed_at IS NULL")) {
                delete.setString(1, credential.accountId().value());
                delete.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO totp_credentials (account_id, sealed_secret, confirmed_at, last_used_step, created_at)"
                            + " SELECT ?, ?, NULL, ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM totp_credentials WHERE account_id = ?)")) {
                insert.setString(1, credential.accountId().value());
                insert.setString(2, credential.sealedSecret());
                insert.setLong(3, credential.lastUsedStep());
                insert.setLong(4, credential.createdAt().toEpochMilli());
                insert.setString(5, credential.accountId().value());
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean confirmTotp(AccountId accountId, Instant confirmedAt, long step) {
        return jdbc.update(
                        "UPDATE totp_credentials SET confirmed_at = ?, last_used_step = ?"
                                + " WHERE account_id = ? AND confirmed_at IS NULL",
                        s -> {
                            s.setLong(1, confirmedAt.toEpochMilli());
                            s.setLong(2, step);
                            s.setString(3, accountId.value());
                        })
                == 1;
    }

    @Override
    public boolean useTotpStep(AccountId accountId, long step) {
        return jdbc.update(
                        "UPDATE totp_credentials SET last_used_step = ?"
                                + " WHERE account_id = ? AND confirmed_at IS NOT NULL AND last_used_step < ?",
                        s -> {
                            s.setLong(1, step);
                            s.setString(2, accountId.value());
                            s.setLong(3, step);
                        })
                == 1;
    }

    @Override
    public boolean deleteTotp(AccountId accountId) {
        return jdbc.update("DELETE FROM totp_credentials WHERE account_id = ?", s -> s.setString(1, accountId.value()))
                == 1;
    }

    @Override
    public void replaceRecoveryCodes(AccountId accountId, List<String> codeHashes, Instant createdAt) {
        jdbc.transaction(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM recovery_codes WHERE account_id = ?")) {
                delete.setString(1, accountId.value());
                delete.executeUpdate();
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO recovery_codes (account_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL)")) {
                for (String hash : codeHashes) {
                    insert.setString(1, accountId.value());
                    insert.setString(2, hash);
                    insert.setLong(3, createdAt.toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public boolean useRecoveryCode(AccountId accountId, String codeHash, Instant usedAt) {
        return jdbc.update(
                        "UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
                        s -> {
                            s.setLong(1, usedAt.toEpochMilli());
                            s.setString(2, accountId.value());
                            s.setString(3, codeHash);
                        })
                == 1;
    }

    @Override
    public int countUnusedRecoveryCodes(AccountId accountId) {
        return jdbc.queryOne(
                        "SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = ? AND used_at IS NULL",
                        s -> s.setString(1, accountId.value()),
                        row -> row.getInt("n"))
                .orElse(0);
    }

    @Override
    public int deleteRecoveryCodes(AccountId accountId) {
        return jdbc.update("DELETE FROM recovery_codes WHERE account_id = ?", s -> s.setString(1, accountId.value()));
    }

    private static TotpCredential toCredential(ResultSet row) throws SQLException {
        long confirmed = row.getLong("confirmed_at");
        Optional<Instant> confirmedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(confirmed));
        return new TotpCredential(
                new AccountId(row.getString("account_id")),
                row.getString("sealed_secret"),
                confirmedAt,
                row.getLong("last_used_step"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
