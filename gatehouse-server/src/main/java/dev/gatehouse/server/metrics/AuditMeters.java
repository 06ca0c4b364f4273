package dev.gatehouse.server.metrics;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A sink of the audit trail that counts its events: logins by outcome, sessions created and ended by
 * reason, refresh rotations and reuse detections, and every event by type. The use cases already
 * record each of these acts (and no entry point can skip that), so counting here keeps Micrometer out
 * of the core and cannot miss an entry point either.
 *
 * <p>Labels come from event types and from detail values the core draws from fixed sets (a login's
 * {@code method} and {@code reason}); anything else is {@code other}, so no id reaches a label.
 */
public final class AuditMeters implements Consumer<AuditEvent> {
    private static final Pattern WORD = Pattern.compile("[a-z_]{1,32}");

    private final MeterRegistry registry;
    private final Map<AuditType, Counter> events = new EnumMap<>(AuditType.class);
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public AuditMeters(MeterRegistry registry) {
        this.registry = registry;
        for (AuditType type : AuditType.values()) {
            events.put(
                    type,
                    Counter.builder("gatehouse.audit.events")
                            .description("Audit events recorded, by type")
                            .tag("type", type.wireName())
                            .register(registry));
        }
        // Registered up front so a dashboard sees zeros, not missing series, before the first login.
        for (String method : new String[] {"cookie", "token"}) {
            login(method, "succeeded", "none");
            login(method, "failed", "wrong_password");
            sessionStarted(method);
        }
        sessionsEnded("logout", 0);
        refreshRotated(0);
        refreshReuseDetected(0);
    }

    @Override
    public void accept(AuditEvent event) {
        events.get(event.type()).increment();
        Map<String, String> details = event.details();
        switch (event.type()) {
            case LOGIN_SUCCEEDED -> {
                String method = word(details.get("method"));
                login(method, "succeeded", "none").increment();
                sessionStarted(method).increment();
            }
            case LOGIN_FAILED ->
                login(word(details.get("method")), "failed", word(details.get("reason")))
                        .increment();
            case LOGOUT -> sessionsEnded("logout", 1);
            case SESSION_REVOKED -> sessionsEnded("revoked", count(details.get("count"), 1));
            case PASSWORD_CHANGED -> sessionsEnded("password_changed", count(details.get("other_sessions_revoked"), 0));
            case ACCOUNT_LOCKED -> sessionsEnded("account_locked", count(details.get("sessions_revoked"), 0));
            case PASSWORD_RESET -> sessionsEnded("password_reset", count(details.get("sessions_revoked"), 0));
            case ACCOUNT_DELETED -> sessionsEnded("account_deleted", count(details.get("sessions_revoked"), 0));
            case CLIENT_DELETED -> sessionsEnded("client_deleted", count(details.get("sessions_revoked"), 0));
            case TOKEN_REVOKED -> {
                // Revoking a refresh token ends its login; revoking an access token ends no session.
                if ("refresh_token".equals(details.get("kind"))) {
                    sessionsEnded("refresh_token_revoked", 1);
                }
            }
            case REFRESH_ROTATED -> refreshRotated(1);
            case REFRESH_REUSE_DETECTED -> {
                refreshReuseDetected(1);
                sessionsEnded("refresh_reuse_detected", 1);
            }
            default -> {
                // counted by type above
            }
        }
    }

    /** Expired sessions the periodic purge removed: they ended by time, which no audit event records. */
    public void sessionsExpired(int purged) {
        sessionsEnded("expired", purged);
    }

    private Counter login(String method, String outcome, String reason) {
        return counter(
                "gatehouse.logins",
                "Password logins by method (cookie, token), outcome and reason; throttled ones are in"
                        + " gatehouse_rate_limited_total",
                "method",
                method,
                "outcome",
                outcome,
                "reason",
                reason);
    }

    private Counter sessionStarted(String method) {
        return counter(
                "gatehouse.sessions.started",
                "Sessions started by a login, by kind",
                "kind",
                "token".equals(method) ? "app" : "browser");
    }

    private void sessionsEnded(String reason, long count) {
        counter("gatehouse.sessions.ended", "Sessions ended, by reason", "reason", reason)
                .increment(count);
    }

    private void refreshRotated(long count) {
        counter("gatehouse.refresh.rotations", "Refresh tokens rotated").increment(count);
    }

    private void refreshReuseDetected(long count) {
        counter("gatehouse.refresh.reuse.detected", "Refresh tokens replayed, each ending its login")
                .increment(count);
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(
                name + String.join("\u0000", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private static String word(@Nullable String value) {
        if (value == null) {
            return "none";
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return WORD.matcher(lower).matches() ? lower : "other";
    }

    private static long count(@Nullable String value, long otherwise) {
        try {
            return value == null ? otherwise : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
