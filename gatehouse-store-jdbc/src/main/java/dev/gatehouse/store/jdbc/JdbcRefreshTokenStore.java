package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.refresh.PresentedRefreshToken;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshTokenStore;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.TokenHash;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Refresh families and the hash of every token they issued; rotation is one transaction. */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {
    private final Jdbc jdbc;

    JdbcRefreshTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertFamily(RefreshFamily family, TokenHash firstToken) {
        jdbc.transaction(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO refresh_families (id, session_id, account_id, client_id, generation, created_at,"
                            + " rotated_at, absolute_expires_at, scope, audience) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, family.id());
                s.setString(2, family.sessionId().value());
                s.setString(3, family.accountId().value());
                s.setString(4, family.clientId().value());
                s.setInt(5, family.generation());
                s.setLong(6, family.createdAt().toEpochMilli());
                s.setLong(7, family.rotatedAt().toEpochMilli());
                s.setLong(8, family.absoluteExpiresAt().toEpochMilli());
                s.setString(9, family.scope());
                s.setString(10, String.join(" ", family.audience()));
                s.executeUpdate();
            }
            insertToken(connection, firstToken, family.id(), family.generation());
            return null;
        });
    }

    @Override
    public boolean deleteFamily(String familyId) {
        // Its tokens go with it (ON DELETE CASCADE).
        return jdbc.update("DELETE FROM refresh_families WHERE id = ?", s -> s.setString(1, familyId)) == 1;
    }

    @Override
    public java.util.List<RefreshFamily> familiesOf(AccountId accountId) {
        return jdbc.query(
                "SELECT * FROM refresh_families WHERE account_id = ? ORDER BY created_at DESC, id",
                s -> s.setString(1, accountId.value()),
                JdbcRefreshTokenStore::toFamily);
    }

    @Override
    public java.util.List<RefreshFamily> familiesOfClient(dev.gatehouse.core.client.ClientId clientId) {
        return jdbc.query(
                "SELECT * FROM refresh_families WHERE client_id = ? ORDER BY id",
                s -> s.setString(1, clientId.value()),
                JdbcRefreshTokenStore::toFamily);
    }

    @Override
    public Optional<PresentedRefreshToken> findByTokenHash(TokenHash hash) {
        return jdbc.queryOne(
                "SELECT t.generation AS presented, f.* FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id"
                        + " WHERE t.token_hash = ?",
                s -> s.setString(1, hash.hex()),
                row -> new PresentedRefreshToken(toFamily(row), row.getInt("presented")));
    }

    @Override
    public boolean rotate(String familyId, int expectedGeneration, TokenHash nextToken, Instant at) {
        return jdbc.transaction(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE refresh_families SET generation = generation + 1, rotated_at = ? WHERE id = ? AND generation = ?")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, familyId);
                s.setInt(3, expectedGeneration);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            insertToken(connection, nextToken, familyId, expectedGeneration + 1);
            return true;
        });
    }

    private static void insertToken(java.sql.Connection connection, TokenHash hash, String familyId, int generation)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, family_id, generation) VALUES (?, ?, ?)")) {
            s.setString(1, hash.hex());
            s.setString(2, familyId);
            s.setInt(3, generation);
            s.executeUpdate();
        }
    }

    private static RefreshFamily toFamily(ResultSet row) throws SQLException {
        return new RefreshFamily(
                row.getString("id"),
                new SessionId(row.getString("session_id")),
                new AccountId(row.getString("account_id")),
                new ClientId(row.getString("client_id")),
                row.getInt("generation"),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("rotated_at")),
                Instant.ofEpochMilli(row.getLong("absolute_expires_at")),
                row.getString("scope"),
                JdbcClientStore.words(row.getString("audience")));
    }
}
