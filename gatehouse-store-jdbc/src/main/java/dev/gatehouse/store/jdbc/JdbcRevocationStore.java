package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.revocation.RevokedKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/** The revocation feed in the {@code revocations} table; the cursor is its generated key. */
public final class JdbcRevocationStore implements RevocationStore {
    private final Jdbc jdbc;
    private final SqlDialect dialect;

    JdbcRevocationStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    @Override
    public long append(RevokedKind kind, String id, Instant revokedAt, Instant expiresAt) {
        return jdbc.transaction(connection -> {
            dialect.serializeRevocationAppends(connection);
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO revocations (kind, subject, revoked_at, expires_at) VALUES (?, ?, ?, ?) RETURNING cursor")) {
                s.setString(1, kind.name());
                s.setString(2, id);
                s.setLong(3, revokedAt.toEpochMilli());
                s.setLong(4, expiresAt.toEpochMilli());
                try (ResultSet row = s.executeQuery()) {
                    row.next();
                    return row.getLong("cursor");
                }
            }
        });
    }

    @Override
    public List<Revocation> after(long cursor, int limit) {
        return jdbc.query(
                "SELECT cursor, kind, subject, revoked_at, expires_at FROM revocations WHERE cursor > ? ORDER BY cursor LIMIT ?",
                s -> {
                    s.setLong(1, cursor);
                    s.setInt(2, limit);
                },
                row -> new Revocation(
                        row.getLong("cursor"),
                        RevokedKind.valueOf(row.getString("kind")),
                        row.getString("subject"),
                        Instant.ofEpochMilli(row.getLong("revoked_at")),
                        Instant.ofEpochMilli(row.getLong("expires_at"))));
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM revocations WHERE expires_at <= ?", s -> s.setLong(1, now.toEpochMilli()));
    }
}
