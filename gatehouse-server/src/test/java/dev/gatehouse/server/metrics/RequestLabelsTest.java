package dev.gatehouse.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLabelsTest {

    @Test
    void aRoutedRequestIsLabelledWithItsTemplateNotItsPath() {
        RequestLabels labels = RequestLabels.of(Optional.of("/admin/v1/users/{id}/sessions"), "DELETE", 204);

        assertThat(labels).isEqualTo(new RequestLabels("/admin/v1/users/{id}/sessions", "DELETE", "2xx"));
    }

    @Test
    void everyUnknownPathCollapsesIntoOneLabel() {
        // Helidon reports the catch-all 404 route with an empty pattern, and no pattern at all for a
        // request a filter answered before routing.
        assertThat(RequestLabels.of(Optional.of(""), "GET", 404).route()).isEqualTo(RequestLabels.UNMATCHED);
        assertThat(RequestLabels.of(Optional.empty(), "OPTIONS", 204).route()).isEqualTo(RequestLabels.UNMATCHED);
        assertThat(RequestLabels.of(Optional.of("*"), "GET", 404).route()).isEqualTo(RequestLabels.UNMATCHED);
    }

    @Test
    void aMadeUpMethodIsOtherSoClientsCannotMintSeries() {
        assertThat(RequestLabels.of(Optional.empty(), "PROPFIND-6d1f0a", 405).method())
                .isEqualTo("other");
        assertThat(RequestLabels.of(Optional.empty(), "get", 404).method()).isEqualTo("other");
        assertThat(RequestLabels.of(Optional.empty(), "PATCH", 404).method()).isEqualTo("PATCH");
    }

    @Test
    void statusesGoByClass() {
        assertThat(RequestLabels.statusClass(101)).isEqualTo("1xx");
        assertThat(RequestLabels.statusClass(200)).isEqualTo("2xx");
        assertThat(RequestLabels.statusClass(303)).isEqualTo("3xx");
        assertThat(RequestLabels.statusClass(429)).isEqualTo("4xx");
        assertThat(RequestLabels.statusClass(503)).isEqualTo("5xx");
        assertThat(RequestLabels.statusClass(600)).isEqualTo("other");
        assertThat(RequestLabels.statusClass(0)).isEqualTo("other");
    }
}
