package dev.gatehouse.server.http;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Security events as one JSON line each on the {@code gatehouse.audit} logger. Never a secret, token
 * or password: only ids, counts and times. (The typed, queryable audit trail is still to come.)
 */
final class AuditLog {
    private static final System.Logger LOG = System.getLogger("gatehouse.audit");
    private static final JsonCodec JSON = new JsonCodec();

    private AuditLog() {}

    static void record(String type, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        event.putAll(fields);
        LOG.log(Level.WARNING, new String(JSON.write(event), java.nio.charset.StandardCharsets.UTF_8));
    }
}
