package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.token.RevokedTokenStore;
import java.time.Instant;

/** Revoked access-token ids in the {@code revoked_tokens} table, until their tokens expire. */
public final class JdbcRevokedTokenStore implements RevokedTokenStore {
    private final Jdbc jdbc;

    JdbcRevokedTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void revoke(String jwtId, Instant expiresAt) {
        jdbc.update("INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING", s -> {
            s.setString(1, jwtId);
            s.setLong(2, expiresAt.toEpochMilli());
        });
    }

    @Override
    public boolean isRevoked(String jwtId) {
        return jdbc.queryOne("SELECT 1 FROM revoked_tokens WHERE jti = ?", s -> s.setString(1, jwtId), row -> true)
                .isPresent();
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM revoked_tokens WHERE expires_at <= ?", s -> s.setLong(1, now.toEpochMilli()));
    }
}
