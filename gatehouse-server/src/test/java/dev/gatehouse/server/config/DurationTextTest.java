package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsTheShortFormsAndIso8601() {
        assertThat(DurationText.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(DurationText.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(DurationText.parse("8h")).contains(Duration.ofHours(8));
        assertThat(DurationText.parse("7d")).contains(Duration.ofDays(7));
        assertThat(DurationText.parse("PT30M")).contains(Duration.ofMinutes(30));
        assertThat(DurationText.parse("pt1h30m")).contains(Duration.ofMinutes(90));
    }

    @Test
    void refusesAnythingElse() {
        assertThat(DurationText.parse("")).isEmpty();
        assertThat(DurationText.parse("30")).isEmpty();
        assertThat(DurationText.parse("30 minutes")).isEmpty();
        assertThat(DurationText.parse("-5m")).isEmpty();
    }

    @Test
    void writesTheShortestExactForm() {
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationText.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationText.format(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }
}
