package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.passkey.Passkey;
import dev.gatehouse.core.passkey.PasskeyChallenge;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.PasskeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Passkeys in {@code passkeys}, their pending challenges in {@code passkey_challenges}. */
public final class JdbcPasskeyStore implements PasskeyStore {
    private static final String COLUMNS = "id, account_id, name, public_key_cose, sign_count, backup_eligible,"
            + " backup_state, transports, created_at, last_used_at";

    private final Jdbc jdbc;

    JdbcPasskeyStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Passkey passkey) {
        return jdbc.update(
                        "INSERT INTO passkeys (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                                + " WHERE NOT EXISTS (SELECT 1 FROM passkeys WHERE id = ?)",
                        s -> {
                            s.setString(1, passkey.id().value());
                            s.setString(2, passkey.accountId().value());
                            s.setString(3, passkey.name());
                            s.setBytes(4, passkey.publicKeyCose());
                            s.setLong(5, passkey.signatureCounter());
                            s.setInt(6, passkey.backupEligible() ? 1 : 0);
                            s.setInt(7, passkey.backupState() ? 1 : 0);
                            s.setString(8, String.join(" ", passkey.transports()));
                            s.setLong(9, passkey.createdAt().toEpochMilli());
                            if (passkey.lastUsedAt().isPresent()) {
                                s.setLong(10, passkey.lastUsedAt().get().toEpochMilli());
                            } else {
                                s.setNull(10, java.sql.Types.BIGINT);
                            }
                            s.setString(11, passkey.id().value());
                        })
                == 1;
    }

    @Override
    public Optional<Passkey> find(PasskeyId id) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM passkeys WHERE id = ?",
                s -> s.setString(1, id.value()),
                JdbcPasskeyStore::toPasskey);
    }

    @Override
    public List<Passkey> listOf(AccountId accountId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM passkeys WHERE account_id = ? ORDER BY created_at, id",
                s -> s.setString(1, accountId.value()),
                JdbcPasskeyStore::toPasskey);
    }

    @Override
    public boolean recordUse(PasskeyId id, long signatureCounter, boolean backupState, Instant usedAt) {
        return jdbc.update(
                        "UPDATE passkeys SET sign_count = ?, backup_state = ?, last_used_at = ?"
                                + " WHERE id = ? AND (sign_count < ? OR (sign_count = 0 AND ? = 0))",
                        s -> {
                            s.setLong(1, signatureCounter);
                            s.setInt(2, backupState ? 1 : 0);
                            s.setLong(3, usedAt.toEpochMilli());
                            s.setString(4, id.value());
                            s.setLong(5, signatureCounter);
                            s.setLong(6, signatureCounter);
                        })
                == 1;
    }

    @Override
    public boolean rename(AccountId accountId, PasskeyId id, String name) {
        return jdbc.update("UPDATE passkeys SET name = ? WHERE account_id = ? AND id = ?", s -> {
                    s.setString(1, name);
                    s.setString(2, accountId.value());
                    s.setString(3, id.value());
                })
                == 1;
    }

    @Override
    public boolean delete(AccountId accountId, PasskeyId id) {
        return jdbc.update("DELETE FROM passkeys WHERE account_id = ? AND id = ?", s -> {
                    s.setString(1, accountId.value());
                    s.setString(2, id.value());
                })
                == 1;
    }

    @Override
    public int deleteAllOf(AccountId accountId) {
        return jdbc.update("DELETE FROM passkeys WHERE account_id = ?", s -> s.setString(1, accountId.value()));
    }

    @Override
    public void insertChallenge(PasskeyChallenge challenge) {
        jdbc.update(
                "INSERT INTO passkey_challenges (binding_hash, challenge, purpose, account_id, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, challenge.bindingHash());
                    s.setString(2, challenge.challenge());
                    s.setString(3, challenge.purpose().name());
                    s.setString(4, challenge.accountId().map(AccountId::value).orElse(null));
                    s.setLong(5, challenge.createdAt().toEpochMilli());
                    s.setLong(6, challenge.expiresAt().toEpochMilli());
                });
    }

    @Override
    public Optional<PasskeyChallenge> takeChallenge(String bindingHash) {
        return jdbc
                .updateReturning(
                        "DELETE FROM passkey_challenges WHERE binding_hash = ?"
                                + " RETURNING binding_hash, challenge, purpose, account_id, created_at, expires_at",
                        s -> s.setString(1, bindingHash),
                        JdbcPasskeyStore::toChallenge)
                .stream()
                .findFirst();
    }

    @Override
    public int deleteExpiredChallenges(Instant now) {
        return jdbc.update(
                "DELETE FROM passkey_challenges WHERE expires_at <= ?", s -> s.setLong(1, now.toEpochMilli()));
    }

    private static Passkey toPasskey(ResultSet row) throws SQLException {
        long lastUsed = row.getLong("last_used_at");
        Optional<Instant> lastUsedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastUsed));
        String transports = row.getString("transports");
        return new Passkey(
                new PasskeyId(row.getString("id")),
                new AccountId(row.getString("account_id")),
                row.getString("name"),
                row.getBytes("public_key_cose"),
                row.getLong("sign_count"),
                row.getInt("backup_eligible") == 1,
                row.getInt("backup_state") == 1,
                transports.isEmpty() ? List.of() : Arrays.asList(transports.split(" ")),
                Instant.ofEpochMilli(row.getLong("created_at")),
                lastUsedAt);
    }

    private static PasskeyChallenge toChallenge(ResultSet row) throws SQLException {
        String account = row.getString("account_id");
        return new PasskeyChallenge(
                row.getString("binding_hash"),
                row.getString("challenge"),
                PasskeyChallenge.Purpose.valueOf(row.getString("purpose")),
                account == null ? Optional.empty() : Optional.of(new AccountId(account)),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("expires_at")));
    }
}
