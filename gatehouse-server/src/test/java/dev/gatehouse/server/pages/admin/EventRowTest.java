package dev.gatehouse.server.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an audit event reads on the console, above all a replayed refresh token's evidence. */
class EventRowTest {

    private static EventRow reuse(String millis, String sameIp, String sameAgent) {
        return EventRow.of(new AuditEvent(
                7,
                Instant.parse("2026-12-02T06:05:00Z"),
                AuditType.REFRESH_REUSE_DETECTED,
                Optional.of("a1"),
                "mobile",
                Optional.of("198.51.100.7"),
                Map.of(
                        "presented_generation", "3",
                        "current_generation", "4",
                        "ms_since_rotation", millis,
                        "same_ip_as_login", sameIp,
                        "same_user_agent_as_login", sameAgent)));
    }

    @Test
    void aReplayFromTheSameAppMomentsAfterTheRotationReadsAsARace() {
        EventRow row = reuse("35", "true", "true");

        assertThat(row.warning()).isTrue();
        assertThat(row.accountPath()).contains("/admin/users/a1");
        assertThat(row.evidence()).hasValueSatisfying(evidence -> {
            assertThat(evidence.looksLikeRace()).isTrue();
            assertThat(evidence.presentedGeneration()).isEqualTo("3");
            assertThat(evidence.currentGeneration()).isEqualTo("4");
            assertThat(evidence.sinceRotation()).isEqualTo("35 ms");
            assertThat(evidence.sameAddress()).isEqualTo("yes");
        });
    }

    @Test
    void aReplayFromElsewhereOrLongAfterReadsAsTheft() {
        assertThat(reuse("35", "false", "true").evidence().orElseThrow().looksLikeRace())
                .isFalse();
        assertThat(reuse("35", "true", "false").evidence().orElseThrow().looksLikeRace())
                .isFalse();
        EventRow late = reuse("600000", "true", "true");
        assertThat(late.evidence().orElseThrow().looksLikeRace()).isFalse();
        assertThat(late.evidence().orElseThrow().sinceRotation()).isEqualTo("10 min");
        assertThat(reuse("garbled", "true", "true").evidence().orElseThrow().looksLikeRace())
                .isFalse();
    }

    @Test
    void anOrdinaryEventHasNoEvidenceAndItsDetailsAsLabels() {
        EventRow row = EventRow.of(new AuditEvent(
                8,
                Instant.parse("2026-12-02T06:05:00Z"),
                AuditType.ACCOUNT_LOCKED,
                Optional.of("a1"),
                "admin:root",
                Optional.empty(),
                Map.of("sessions_revoked", "2")));

        assertThat(row.warning()).isFalse();
        assertThat(row.evidence()).isEmpty();
        assertThat(row.ip()).isEqualTo("—");
        assertThat(row.details()).containsExactly(new EventRow.Detail("sessions revoked", "2"));
    }
}
