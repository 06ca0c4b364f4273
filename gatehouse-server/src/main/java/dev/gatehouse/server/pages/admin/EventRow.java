package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.server.pages.PageDates;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One audit event as the console shows it: its facts as label and value, and for a refresh-token reuse
 * the evidence read out, so an operator can tell a race of the app's own two requests from a stolen token.
 *
 * @param accountPath the account's page, when the event names one
 * @param evidence for {@code refresh_reuse_detected} only
 */
public record EventRow(
        long id,
        String at,
        String type,
        boolean warning,
        Optional<String> accountId,
        Optional<String> accountPath,
        String actor,
        String ip,
        List<Detail> details,
        Optional<ReuseEvidence> evidence) {

    public EventRow {
        details = List.copyOf(details);
    }

    static EventRow of(AuditEvent event) {
        Optional<ReuseEvidence> evidence = event.type() == AuditType.REFRESH_REUSE_DETECTED
                ? Optional.of(ReuseEvidence.of(event.details()))
                : Optional.empty();
        return new EventRow(
                event.id(),
                PageDates.format(event.at()),
                event.type().wireName(),
                switch (event.type()) {
                    case LOGIN_FAILED,
                            REFRESH_REUSE_DETECTED,
                            RATE_LIMITED,
                            ACCOUNT_LOCKED_OUT,
                            PASSKEY_CLONE_SUSPECTED -> true;
                    default -> false;
                },
                event.accountId(),
                event.accountId().map(id -> "/admin/users/" + id),
                event.actor(),
                event.ipAddress().orElse("—"),
                event.details().entrySet().stream()
                        .map(e -> new Detail(e.getKey().replace('_', ' '), e.getValue()))
                        .toList(),
                evidence);
    }

    public record Detail(String label, String value) {}

    /**
     * What a replayed refresh token tells: a race looks like "same address, same app, a few
     * milliseconds after the rotation"; theft does not.
     */
    public record ReuseEvidence(
            String presentedGeneration,
            String currentGeneration,
            String sinceRotation,
            String sameAddress,
            String sameUserAgent,
            boolean looksLikeRace) {
        /** A replay within this long of the rotation, from the login's own address and app, reads as a race. */
        static final long RACE_MILLIS = 2_000;

        static ReuseEvidence of(Map<String, String> details) {
            String millis = details.getOrDefault("ms_since_rotation", "");
            boolean sameIp = "true".equals(details.get("same_ip_as_login"));
            boolean sameAgent = "true".equals(details.get("same_user_agent_as_login"));
            long since;
            try {
                since = Long.parseLong(millis);
            } catch (NumberFormatException e) {
                since = Long.MAX_VALUE;
            }
            return new ReuseEvidence(
                    details.getOrDefault("presented_generation", "?"),
                    details.getOrDefault("current_generation", "?"),
                    since == Long.MAX_VALUE ? "unknown" : duration(since),
                    sameIp ? "yes" : "no",
                    sameAgent ? "yes" : "no",
                    sameIp && sameAgent && since <= RACE_MILLIS);
        }

        private static String duration(long millis) {
            if (millis < 10_000) {
                return String.format(java.util.Locale.ROOT, "%,d ms", millis);
            }
            long seconds = millis / 1000;
            return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
        }
    }
}
