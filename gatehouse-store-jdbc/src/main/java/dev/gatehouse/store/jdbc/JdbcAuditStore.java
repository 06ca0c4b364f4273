package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditStore;
import dev.gatehouse.core.audit.AuditType;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Audit events in the {@code audit_events} table; details as a form-encoded string. */
public final class JdbcAuditStore implements AuditStore {
    private final Jdbc jdbc;

    JdbcAuditStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, committed with the change it records when the caller groups them. */
    @Override
    public long append(AuditEvent event) {
        return jdbc.updateReturning(
                        "INSERT INTO audit_events (at, type, account_id, actor, ip_address, details)"
                                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                        s -> {
                            s.setLong(1, event.at().toEpochMilli());
                            s.setString(2, event.type().name());
                            s.setString(3, event.accountId().orElse(null));
                            s.setString(4, event.actor());
                            s.setString(5, event.ipAddress().orElse(null));
                            s.setString(6, encode(event.details()));
                        },
                        row -> row.getLong("id"))
                .getFirst();
    }

    @Override
    public List<AuditEvent> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, at, type, account_id, actor, ip_address, details");
        List<Object> values = where(sql, query);
        sql.append(" ORDER BY id DESC LIMIT ?");
        values.add(query.limit());
        return jdbc.query(sql.toString(), s -> bind(s, values), JdbcAuditStore::toEvent);
    }

    @Override
    public long count(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) AS n");
        List<Object> values = where(sql, query);
        return jdbc.queryOne(sql.toString(), s -> bind(s, values), row -> row.getLong("n"))
                .orElse(0L);
    }

    /** Appends the table and the query's conditions to {@code sql}; returns the values to bind. */
    private static List<Object> where(StringBuilder sql, AuditQuery query) {
        sql.append(" FROM audit_events WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        query.accountId().ifPresent(v -> add(sql, values, " AND account_id = ?", v));
        query.type().ifPresent(v -> add(sql, values, " AND type = ?", v.name()));
        query.from().ifPresent(v -> add(sql, values, " AND at >= ?", v.toEpochMilli()));
        query.to().ifPresent(v -> add(sql, values, " AND at < ?", v.toEpochMilli()));
        query.before().ifPresent(v -> add(sql, values, " AND id < ?", v));
        return values;
    }

    private static void bind(java.sql.PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM audit_events WHERE at < ?", s -> s.setLong(1, cutoff.toEpochMilli()));
    }

    private static void add(StringBuilder sql, List<Object> values, String clause, Object value) {
        sql.append(clause);
        values.add(value);
    }

    private static AuditEvent toEvent(ResultSet row) throws SQLException {
        return new AuditEvent(
                row.getLong("id"),
                Instant.ofEpochMilli(row.getLong("at")),
                AuditType.valueOf(row.getString("type")),
                Optional.ofNullable(row.getString("account_id")),
                row.getString("actor"),
                Optional.ofNullable(row.getString("ip_address")),
                decode(row.getString("details")));
    }

    static String encode(Map<String, String> details) {
        return details.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String text) {
        Map<String, String> details = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            String[] kv = pair.split("=", 2);
            details.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return details;
    }
}
