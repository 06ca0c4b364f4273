package dev.gatehouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditMetersTest {
    private static final String SESSION_ID = "s3ss10n-6f1d2c";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuditMeters meters = new AuditMeters(registry);

    private void record(AuditType type, Map<String, String> details) {
        meters.accept(new AuditEvent(
                1, Instant.EPOCH, type, Optional.of("account-7f3a"), "self", Optional.of("192.0.2.1"), details));
    }

    private double ended(String reason) {
        return registry.get("gatehouse.sessions.ended")
                .tag("reason", reason)
                .counter()
                .count();
    }

    @Test
    void countsEverySessionAnEventEndsByItsReason() {
        record(AuditType.LOGOUT, Map.of("session_id", SESSION_ID));
        record(AuditType.SESSION_REVOKED, Map.of("session_id", SESSION_ID));
        record(AuditType.SESSION_REVOKED, Map.of("scope", "all", "count", "4"));
        record(AuditType.PASSWORD_CHANGED, Map.of("other_sessions_revoked", "2"));
        record(AuditType.ACCOUNT_LOCKED, Map.of("sessions_revoked", "3"));
        record(AuditType.TOKEN_REVOKED, Map.of("kind", "refresh_token", "session_id", SESSION_ID));
        record(AuditType.TOKEN_REVOKED, Map.of("kind", "access_token", "jti", "j-1"));
        record(AuditType.REFRESH_REUSE_DETECTED, Map.of("session_id", SESSION_ID));
        meters.sessionsExpired(6);

        assertThat(ended("logout")).isEqualTo(1);
        assertThat(ended("revoked")).isEqualTo(5);
        assertThat(ended("password_changed")).isEqualTo(2);
        assertThat(ended("account_locked")).isEqualTo(3);
        assertThat(ended("refresh_token_revoked"))
                .as("an access token's revocation ends no session")
                .isEqualTo(1);
        assertThat(ended("refresh_reuse_detected")).isEqualTo(1);
        assertThat(ended("expired")).isEqualTo(6);
        assertThat(registry.get("gatehouse.refresh.reuse.detected").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("gatehouse.audit.events")
                        .tag("type", "token_revoked")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void countsLoginsByMethodOutcomeAndReasonAndTheSessionsTheyStart() {
        record(AuditType.LOGIN_SUCCEEDED, Map.of("method", "token", "session_id", SESSION_ID));
        record(AuditType.LOGIN_FAILED, Map.of("method", "cookie", "reason", "unknown_account"));

        assertThat(registry.get("gatehouse.logins")
                        .tags("method", "token", "outcome", "succeeded", "reason", "none")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("gatehouse.logins")
                        .tags("method", "cookie", "outcome", "failed", "reason", "unknown_account")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("gatehouse.sessions.started")
                        .tag("kind", "app")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aDetailThatIsNoPlainWordNeverBecomesALabel() {
        record(AuditType.LOGIN_FAILED, Map.of("method", "cookie", "reason", "x-" + SESSION_ID));
        record(AuditType.LOGIN_FAILED, Map.of("method", SESSION_ID.repeat(3)));

        assertThat(registry.getMeters())
                .flatExtracting(meter -> meter.getId().getTags())
                .extracting(Tag::getValue)
                .noneMatch(value -> value.contains(SESSION_ID) || value.contains("account-7f3a"))
                .contains("other");
        assertThat(registry.getMeters()).extracting(Meter::getId).isNotEmpty();
    }
}
