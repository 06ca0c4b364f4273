package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.core.key.SigningKeyStore;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Signing keys in the {@code signing_keys} table; private keys only as sealed by the core. */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    private static final String COLUMNS =
            "kid, algorithm, state, public_jwk, sealed_private_jwk, created_at, state_changed_at";

    private final Jdbc jdbc;

    JdbcSigningKeyStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(SigningKey key) {
        jdbc.update("INSERT INTO signing_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, key.kid());
            s.setString(2, key.algorithm().name());
            s.setString(3, key.state().name());
            s.setString(4, key.publicJwk());
            s.setString(5, key.sealedPrivateJwk());
            s.setLong(6, key.createdAt().toEpochMilli());
            s.setLong(7, key.stateChangedAt().toEpochMilli());
        });
    }

    @Override
    public List<SigningKey> list() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM signing_keys ORDER BY created_at, kid",
                s -> {},
                JdbcSigningKeyStore::toKey);
    }

    @Override
    public boolean updateState(String kid, KeyState expected, KeyState next, Instant at) {
        return jdbc.update("UPDATE signing_keys SET state = ?, state_changed_at = ? WHERE kid = ? AND state = ?", s -> {
                    s.setString(1, next.name());
                    s.setLong(2, at.toEpochMilli());
                    s.setString(3, kid);
                    s.setString(4, expected.name());
                })
                == 1;
    }

    @Override
    public boolean delete(String kid) {
        return jdbc.update("DELETE FROM signing_keys WHERE kid = ?", s -> s.setString(1, kid)) == 1;
    }

    private static SigningKey toKey(ResultSet row) throws SQLException {
        return new SigningKey(
                row.getString("kid"),
                SigningAlgorithm.valueOf(row.getString("algorithm")),
                KeyState.valueOf(row.getString("state")),
                row.getString("public_jwk"),
                row.getString("sealed_private_jwk"),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("state_changed_at")));
    }
}
