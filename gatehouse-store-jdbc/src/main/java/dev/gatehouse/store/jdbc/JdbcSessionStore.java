package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.session.TokenHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sessions in the {@code sessions} table, found through the unique index on the token hash. */
public final class JdbcSessionStore implements SessionStore {
    private static final String COLUMNS =
            "id, account_id, token_hash, created_at, last_seen_at, absolute_expires_at, ip_address, user_agent, kind, amr,"
                    + " auth_time";

    private final Jdbc jdbc;

    JdbcSessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Session session) {
        jdbc.update("INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, session.id().value());
            s.setString(2, session.accountId().value());
            s.setString(3, session.tokenHash().hex());
            s.setLong(4, session.createdAt().toEpochMilli());
            s.setLong(5, session.lastSeenAt().toEpochMilli());
            s.setLong(6, session.absoluteExpiresAt().toEpochMilli());
            s.setString(7, session.client().ipAddress());
            s.setString(8, session.client().userAgent());
            s.setString(9, session.kind().name());
            s.setString(10, String.join(" ", AuthenticationMethod.wireNames(session.amr())));
            s.setLong(11, session.authTime().toEpochMilli());
        });
    }

    @Override
    public Optional<Session> findByTokenHash(TokenHash tokenHash) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM sessions WHERE token_hash = ?",
                s -> s.setString(1, tokenHash.hex()),
                JdbcSessionStore::toSession);
    }

    @Override
    public Optional<Session> findById(SessionId id) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM sessions WHERE id = ?",
                s -> s.setString(1, id.value()),
                JdbcSessionStore::toSession);
    }

    @Override
    public List<Session> listByAccount(AccountId accountId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM sessions WHERE account_id = ? ORDER BY created_at DESC, id",
                s -> s.setString(1, accountId.value()),
                JdbcSessionStore::toSession);
    }

    /** Only the ids leave the database: at the cap of 1,000 a login would otherwise read every row. */
    @Override
    public List<SessionId> leastRecentlyUsed(AccountId accountId, SessionId keep, int limit) {
        return jdbc.query(
                "SELECT id FROM sessions WHERE account_id = ? AND id <> ?"
                        + " ORDER BY last_seen_at, created_at, id LIMIT ?",
                s -> {
                    s.setString(1, accountId.value());
                    s.setString(2, keep.value());
                    s.setInt(3, limit);
                },
                row -> new SessionId(row.getString("id")));
    }

    @Override
    public void updateLastSeen(SessionId id, Instant lastSeenAt) {
        jdbc.update("UPDATE sessions SET last_seen_at = ? WHERE id = ?", s -> {
            s.setLong(1, lastSeenAt.toEpochMilli());
            s.setString(2, id.value());
        });
    }

    @Override
    public boolean updateAuthentication(SessionId id, Set<AuthenticationMethod> amr, Instant authTime) {
        return jdbc.update("UPDATE sessions SET amr = ?, auth_time = ? WHERE id = ?", s -> {
                    s.setString(1, String.join(" ", AuthenticationMethod.wireNames(amr)));
                    s.setLong(2, authTime.toEpochMilli());
                    s.setString(3, id.value());
                })
                == 1;
    }

    @Override
    public boolean delete(AccountId accountId, SessionId id) {
        return jdbc.update("DELETE FROM sessions WHERE id = ? AND account_id = ?", s -> {
                    s.setString(1, id.value());
                    s.setString(2, accountId.value());
                })
                == 1;
    }

    @Override
    public List<SessionId> deleteAllOf(AccountId accountId, Optional<SessionId> keep) {
        return jdbc.updateReturning(
                "DELETE FROM sessions WHERE account_id = ? AND id <> ? RETURNING id",
                s -> {
                    s.setString(1, accountId.value());
                    // No session id is empty, so "" keeps nothing.
                    s.setString(2, keep.map(SessionId::value).orElse(""));
                },
                row -> new SessionId(row.getString("id")));
    }

    @Override
    public long countByAccount(AccountId accountId) {
        return jdbc.queryOne(
                        "SELECT COUNT(*) AS n FROM sessions WHERE account_id = ?",
                        s -> s.setString(1, accountId.value()),
                        row -> row.getLong("n"))
                .orElse(0L);
    }

    @Override
    public long countLive(Instant now) {
        return jdbc.queryOne(
                        "SELECT COUNT(*) AS n FROM sessions WHERE absolute_expires_at > ?",
                        s -> s.setLong(1, now.toEpochMilli()),
                        row -> row.getLong("n"))
                .orElse(0L);
    }

    @Override
    public int deleteExpired(Instant now, Instant idleCutoff, SessionKind kind) {
        return jdbc.update(
                "DELETE FROM sessions WHERE kind = ? AND (absolute_expires_at <= ? OR last_seen_at <= ?)", s -> {
                    s.setString(1, kind.name());
                    s.setLong(2, now.toEpochMilli());
                    s.setLong(3, idleCutoff.toEpochMilli());
                });
    }

    @Override
    public List<SessionId> findExpired(Instant now, Instant idleCutoff, SessionKind kind) {
        return jdbc.query(
                "SELECT id FROM sessions WHERE kind = ? AND (absolute_expires_at <= ? OR last_seen_at <= ?)",
                s -> {
                    s.setString(1, kind.name());
                    s.setLong(2, now.toEpochMilli());
                    s.setLong(3, idleCutoff.toEpochMilli());
                },
                row -> new SessionId(row.getString("id")));
    }

    private static Session toSession(ResultSet row) throws SQLException {
        Instant createdAt = Instant.ofEpochMilli(row.getLong("created_at"));
        long authTime = row.getLong("auth_time");
        // Sessions from before the auth_time column were password sign-ins at their creation.
        Instant authenticatedAt = row.wasNull() ? createdAt : Instant.ofEpochMilli(authTime);
        return new Session(
                new SessionId(row.getString("id")),
                new AccountId(row.getString("account_id")),
                new TokenHash(row.getString("token_hash")),
                createdAt,
                Instant.ofEpochMilli(row.getLong("last_seen_at")),
                Instant.ofEpochMilli(row.getLong("absolute_expires_at")),
                new ClientDetails(row.getString("ip_address"), row.getString("user_agent")),
                SessionKind.valueOf(row.getString("kind")),
                AuthenticationMethod.parseList(row.getString("amr")),
                authenticatedAt);
    }
}
