package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditType;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    @Test
    void onlyEventsThatMayBeAnAttackAreWarnings() {
        Set<AuditType> warnings = Arrays.stream(AuditType.values())
                .filter(type -> AuditLog.level(type) == Level.WARNING)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AuditType.class)));

        assertThat(warnings)
                .containsExactlyInAnyOrder(
                        AuditType.LOGIN_FAILED,
                        AuditType.REFRESH_REUSE_DETECTED,
                        AuditType.RATE_LIMITED,
                        AuditType.ACCOUNT_LOCKED_OUT,
                        AuditType.PASSKEY_CLONE_SUSPECTED);
        assertThat(AuditLog.level(AuditType.LOGIN_SUCCEEDED)).isEqualTo(Level.INFO);
    }
}
