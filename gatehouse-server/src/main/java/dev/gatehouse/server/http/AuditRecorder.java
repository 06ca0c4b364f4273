package dev.gatehouse.server.http;

import dev.gatehouse.core.account.LoginOutcome;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.secret.Sha256;
import io.helidon.webserver.http.ServerRequest;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP edge's way into the audit trail: adds who asked and from where to each event. Also the
 * trail's log sink: one JSON line per event on the {@code gatehouse.audit} logger.
 */
public final class AuditRecorder {
    private static final System.Logger LOG = System.getLogger("gatehouse.audit");
    private static final JsonCodec JSON = new JsonCodec();

    private final AuditTrail trail;
    private final ClientAddresses addresses;

    AuditRecorder(AuditTrail trail, ClientAddresses addresses) {
        this.trail = trail;
        this.addresses = addresses;
    }

    /** Records {@code type} about {@code accountId}, done by {@code actor}, from the request's address. */
    void record(
            ServerRequest request,
            AuditType type,
            Optional<String> accountId,
            String actor,
            Map<String, String> details) {
        trail.record(type, accountId, actor, Optional.of(addresses.of(request)), details);
    }

    /** A failed login: the reason stays here, the identifier only as a digest. */
    void loginFailed(
            ServerRequest request, String method, LoginOutcome.Reason reason, String actor, String identifier) {
        record(
                request,
                AuditType.LOGIN_FAILED,
                Optional.empty(),
                actor,
                Map.of(
                        "method", method,
                        "reason", reason.name().toLowerCase(Locale.ROOT),
                        "identifier_sha256", digest(Throttle.normalise(identifier))));
    }

    /** Enough of a digest to tie events about one identifier together, without the address itself. */
    static String digest(String normalisedIdentifier) {
        return Sha256.hex(normalisedIdentifier).substring(0, 16);
    }

    void rateLimited(LimitedAction action, RateDecision.Cause cause, String address) {
        trail.record(
                AuditType.RATE_LIMITED,
                Optional.empty(),
                "system",
                Optional.of(address),
                Map.of(
                        "action",
                        action.name().toLowerCase(Locale.ROOT),
                        "cause",
                        cause.name().toLowerCase(Locale.ROOT)));
    }

    static Level level(AuditType type) {
        return switch (type) {
            case LOGIN_FAILED, REFRESH_REUSE_DETECTED, RATE_LIMITED, ACCOUNT_LOCKED_OUT -> Level.WARNING;
            default -> Level.INFO;
        };
    }

    void identifierLockedOut(String normalisedIdentifier) {
        trail.record(
                AuditType.ACCOUNT_LOCKED_OUT,
                Optional.empty(),
                "system",
                Optional.empty(),
                Map.of("identifier_sha256", digest(normalisedIdentifier)));
    }

    /**
     * The log sink: never a secret, since events carry none. Events that may be an attack in progress are
     * warnings, so that an operator filtering on level sees them; the rest of the trail is information.
     */
    public static void log(AuditEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event.type().wireName());
        line.put("id", event.id());
        line.put("at", event.at().toString());
        event.accountId().ifPresent(id -> line.put("account_id", id));
        line.put("actor", event.actor());
        event.ipAddress().ifPresent(ip -> line.put("ip", ip));
        line.putAll(event.details());
        LOG.log(level(event.type()), new String(JSON.write(line), java.nio.charset.StandardCharsets.UTF_8));
    }
}
