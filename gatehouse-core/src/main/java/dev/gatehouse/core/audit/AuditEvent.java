package dev.gatehouse.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One recorded act. Never a secret, a token or a password: ids, reasons, counts, addresses.
 *
 * @param id increasing, assigned by the store (0 before it is stored)
 * @param accountId the account the act concerns, when there is one
 * @param actor who did it: {@code self}, {@code admin:<account id>}, {@code cli}, {@code system}, a client id
 * @param details further facts as text, sorted by key
 */
public record AuditEvent(
        long id,
        Instant at,
        AuditType type,
        Optional<String> accountId,
        String actor,
        Optional<String> ipAddress,
        Map<String, String> details) {

    public AuditEvent {
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public AuditEvent withId(long newId) {
        return new AuditEvent(newId, at, type, accountId, actor, ipAddress, details);
    }
}
