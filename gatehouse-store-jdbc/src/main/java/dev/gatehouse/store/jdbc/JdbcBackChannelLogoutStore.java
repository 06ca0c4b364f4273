package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.BackChannelLogoutStore;
import dev.gatehouse.core.oidc.PendingLogout;
import dev.gatehouse.core.session.SessionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code session_clients} (dies with the session) and the {@code backchannel_logouts} outbox. */
public final class JdbcBackChannelLogoutStore implements BackChannelLogoutStore {
    private final Jdbc jdbc;

    JdbcBackChannelLogoutStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void link(SessionId session, ClientId client, AccountId account) {
        jdbc.update(
                "INSERT INTO session_clients (session_id, client_id, account_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                s -> {
                    s.setString(1, session.value());
                    s.setString(2, client.value());
                    s.setString(3, account.value());
                });
    }

    @Override
    public List<ClientId> clientsOf(SessionId session) {
        return jdbc.query(
                "SELECT client_id FROM session_clients WHERE session_id = ? ORDER BY client_id",
                s -> s.setString(1, session.value()),
                row -> new ClientId(row.getString("client_id")));
    }

    @Override
    public Optional<String> subjectOf(SessionId session, ClientId client) {
        return jdbc.queryOne(
                "SELECT account_id FROM session_clients WHERE session_id = ? AND client_id = ?",
                s -> {
                    s.setString(1, session.value());
                    s.setString(2, client.value());
                },
                row -> row.getString("account_id"));
    }

    @Override
    public void enqueue(PendingLogout logout) {
        jdbc.update(
                "INSERT INTO backchannel_logouts (id, client_id, uri, subject, session_id, attempts, next_attempt_at,"
                        + " created_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, logout.id());
                    s.setString(2, logout.clientId().value());
                    s.setString(3, logout.uri());
                    s.setString(4, logout.subject());
                    s.setString(5, logout.sessionId().value());
                    s.setInt(6, logout.attempts());
                    s.setLong(7, logout.nextAttemptAt().toEpochMilli());
                    s.setLong(8, logout.createdAt().toEpochMilli());
                    s.setString(9, logout.lastError().orElse(null));
                });
    }

    @Override
    public List<PendingLogout> due(Instant now, int limit) {
        return jdbc.query(
                "SELECT * FROM backchannel_logouts WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                s -> {
                    s.setLong(1, now.toEpochMilli());
                    s.setInt(2, limit);
                },
                JdbcBackChannelLogoutStore::toPending);
    }

    @Override
    public boolean claim(String id, Instant expectedNextAttempt, Instant leaseUntil) {
        return jdbc.update(
                        "UPDATE backchannel_logouts SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ?",
                        s -> {
                            s.setLong(1, leaseUntil.toEpochMilli());
                            s.setString(2, id);
                            s.setLong(3, expectedNextAttempt.toEpochMilli());
                        })
                == 1;
    }

    @Override
    public void remove(String id) {
        jdbc.update("DELETE FROM backchannel_logouts WHERE id = ?", s -> s.setString(1, id));
    }

    @Override
    public void reschedule(String id, int attempts, Instant nextAttemptAt, String error) {
        jdbc.update(
                "UPDATE backchannel_logouts SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?", s -> {
                    s.setInt(1, attempts);
                    s.setLong(2, nextAttemptAt.toEpochMilli());
                    s.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
                    s.setString(4, id);
                });
    }

    @Override
    public Optional<PendingLogout> find(String id) {
        return jdbc.queryOne(
                "SELECT * FROM backchannel_logouts WHERE id = ?",
                s -> s.setString(1, id),
                JdbcBackChannelLogoutStore::toPending);
    }

    @Override
    public List<PendingLogout> pendingFor(ClientId client) {
        return jdbc.query(
                "SELECT * FROM backchannel_logouts WHERE client_id = ? ORDER BY created_at, id",
                s -> s.setString(1, client.value()),
                JdbcBackChannelLogoutStore::toPending);
    }

    private static PendingLogout toPending(ResultSet row) throws SQLException {
        return new PendingLogout(
                row.getString("id"),
                new ClientId(row.getString("client_id")),
                row.getString("uri"),
                row.getString("subject"),
                new SessionId(row.getString("session_id")),
                row.getInt("attempts"),
                Instant.ofEpochMilli(row.getLong("next_attempt_at")),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Optional.ofNullable(row.getString("last_error")));
    }
}
