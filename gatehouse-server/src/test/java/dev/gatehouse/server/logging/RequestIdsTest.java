package dev.gatehouse.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsAShortSafeIdFromAProxy() {
        for (String id : new String[] {"a", "abc-123", "Root.Span_7", "x".repeat(64)}) {
            assertThat(RequestIds.acceptOrCreate(Optional.of(id))).as(id).isEqualTo(id);
        }
    }

    @Test
    void replacesAnIdThatIsTooLongOrCouldForgeALogLine() {
        for (String id : new String[] {
            "", "x".repeat(65), "two words", "quote\"", "line\nbreak", "tab\t", "café", "a/b", "%0A", "{}", "a\u0000"
        }) {
            String given = RequestIds.acceptOrCreate(Optional.of(id));

            assertThat(given).as(id).isNotEqualTo(id);
            assertThat(RequestIds.isSafe(given)).as(given).isTrue();
        }
    }

    @Test
    void createsAFreshSafeIdWhenNoneCame() {
        String first = RequestIds.acceptOrCreate(Optional.empty());
        String second = RequestIds.acceptOrCreate(Optional.empty());

        assertThat(first).hasSize(16).matches("[A-Za-z0-9_-]{16}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theIdIsClearedAfterTheRequestEvenWhenItFails() {
        assertThatThrownBy(() -> RequestIds.during("failing", () -> {
                    assertThat(RequestIds.current()).hasValue("failing");
                    throw new IllegalStateException("handler failed");
                }))
                .hasMessage("handler failed");

        assertThat(RequestIds.current()).isEmpty();
    }

    @Test
    void anInnerScopeGivesTheOuterIdBack() {
        RequestIds.during("outer", () -> {
            RequestIds.during("inner", () -> assertThat(RequestIds.current()).hasValue("inner"));
            assertThat(RequestIds.current()).hasValue("outer");
        });
        assertThat(RequestIds.current()).isEmpty();
    }
}
