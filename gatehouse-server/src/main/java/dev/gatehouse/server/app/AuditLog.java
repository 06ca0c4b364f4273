package dev.gatehouse.server.app;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.server.http.JsonCodec;
import dev.gatehouse.server.logging.RequestIds;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail's log sink: one JSON line per event on the {@code gatehouse.audit} logger. Never a
 * secret, since events carry none.
 */
final class AuditLog {
    private static final System.Logger LOG = System.getLogger("gatehouse.audit");
    private static final JsonCodec JSON = JsonCodec.SHARED;

    private AuditLog() {}

    /**
     * Events that may be an attack in progress are warnings, so that an operator filtering on level sees
     * them; the rest of the trail is information.
     */
    static Level level(AuditType type) {
        return switch (type) {
            case LOGIN_FAILED, REFRESH_REUSE_DETECTED, RATE_LIMITED, ACCOUNT_LOCKED_OUT, PASSKEY_CLONE_SUSPECTED ->
                Level.WARNING;
            default -> Level.INFO;
        };
    }

    static java.util.function.Consumer<AuditEvent> sink() {
        return AuditLog::write;
    }

    static void write(AuditEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event.type().wireName());
        line.put("id", event.id());
        line.put("at", event.at().toString());
        event.accountId().ifPresent(id -> line.put("account_id", id));
        line.put("actor", event.actor());
        event.ipAddress().ifPresent(ip -> line.put("ip", ip));
        // Ties the event to the request's other log lines (the audit trail in the database has no such column).
        RequestIds.current().ifPresent(id -> line.put("request_id", id));
        line.putAll(event.details());
        LOG.log(level(event.type()), new String(JSON.write(line), StandardCharsets.UTF_8));
    }
}
