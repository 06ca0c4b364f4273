package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditStore;
import dev.gatehouse.core.audit.AuditType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditStore} must do: increasing ids, filters, newest-first paging, retention. */
public abstract class AuditStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.250Z");

    private AuditStore store;

    protected abstract AuditStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void keepsEveryFieldAndHandsOutIncreasingIds() {
        AuditEvent event = event(
                T0,
                AuditType.REFRESH_REUSE_DETECTED,
                "ada",
                Map.of("presented_generation", "3", "current_generation", "5", "note", "a=b&c d\u00e9"));

        long first = store.append(event);
        long second = store.append(event(T0, AuditType.LOGOUT, "ada", Map.of()));

        assertThat(second).isGreaterThan(first);
        assertThat(store.find(AuditQuery.latest(10)))
                .containsExactly(event(T0, AuditType.LOGOUT, "ada", Map.of()).withId(second), event.withId(first));
    }

    @Test
    void filtersByAccountTypeAndTime() {
        store.append(event(T0, AuditType.LOGIN_FAILED, "ada", Map.of()));
        store.append(event(T0.plusSeconds(10), AuditType.LOGIN_SUCCEEDED, "ada", Map.of()));
        store.append(event(T0.plusSeconds(20), AuditType.LOGIN_SUCCEEDED, "grace", Map.of()));

        assertThat(store.find(new AuditQuery(
                        Optional.of("ada"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        10)))
                .extracting(AuditEvent::type)
                .containsExactly(AuditType.LOGIN_SUCCEEDED, AuditType.LOGIN_FAILED);
        assertThat(store.find(new AuditQuery(
                        Optional.empty(),
                        Optional.of(AuditType.LOGIN_SUCCEEDED),
                        Optional.of(T0.plusSeconds(5)),
                        Optional.of(T0.plusSeconds(20)),
                        Optional.empty(),
                        10)))
                .extracting(e -> e.accountId().orElseThrow())
                .containsExactly("ada");
    }

    @Test
    void countsWhatMatchesWhateverTheLimit() {
        store.append(event(T0, AuditType.LOGIN_FAILED, "ada", Map.of()));
        store.append(event(T0.plusSeconds(10), AuditType.LOGIN_FAILED, "grace", Map.of()));
        store.append(event(T0.plusSeconds(20), AuditType.LOGIN_FAILED, "ada", Map.of()));
        store.append(event(T0.plusSeconds(20), AuditType.LOGIN_SUCCEEDED, "ada", Map.of()));

        assertThat(store.count(new AuditQuery(
                        Optional.empty(),
                        Optional.of(AuditType.LOGIN_FAILED),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        1)))
                .isEqualTo(3);
        assertThat(store.count(new AuditQuery(
                        Optional.of("ada"),
                        Optional.of(AuditType.LOGIN_FAILED),
                        Optional.of(T0.plusSeconds(5)),
                        Optional.of(T0.plusSeconds(30)),
                        Optional.empty(),
                        1)))
                .isEqualTo(1);
        assertThat(store.count(AuditQuery.latest(1))).isEqualTo(4);
    }

    @Test
    void pagesNewestFirstBeforeAnId() {
        for (int i = 0; i < 5; i++) {
            store.append(event(T0.plusSeconds(i), AuditType.LOGOUT, "ada", Map.of("n", Integer.toString(i))));
        }
        List<AuditEvent> first = store.find(AuditQuery.latest(2));
        List<AuditEvent> second = store.find(new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(first.get(1).id()),
                2));

        assertThat(first).extracting(e -> e.details().get("n")).containsExactly("4", "3");
        assertThat(second).extracting(e -> e.details().get("n")).containsExactly("2", "1");
    }

    @Test
    void forgetsEventsPastTheirRetention() {
        store.append(event(T0, AuditType.LOGOUT, "ada", Map.of()));
        store.append(event(T0.plusSeconds(60), AuditType.LOGOUT, "ada", Map.of()));

        assertThat(store.purgeBefore(T0.plusSeconds(30))).isEqualTo(1);
        assertThat(store.find(AuditQuery.latest(10))).hasSize(1);
    }

    private static AuditEvent event(Instant at, AuditType type, String account, Map<String, String> details) {
        return new AuditEvent(0, at, type, Optional.of(account), "self", Optional.of("2001:db8::1"), details);
    }
}
