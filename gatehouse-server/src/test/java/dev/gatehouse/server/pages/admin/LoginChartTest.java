package dev.gatehouse.server.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.admin.AdminOverview.HourCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginChartTest {
    private static final Instant START = Instant.parse("2026-12-01T07:00:00Z");

    private static List<HourCount> hours(long... counts) {
        List<HourCount> hours = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            hours.add(new HourCount(START.plus(Duration.ofHours(i)), counts[i]));
        }
        return hours;
    }

    @Test
    void theBusiestHourFillsThePlotAndTheOthersScaleToIt() {
        long[] counts = new long[24];
        counts[5] = 8;
        counts[23] = 2;

        LoginChart chart = LoginChart.of(hours(counts));

        assertThat(chart.bars()).hasSize(24);
        assertThat(chart.max()).isEqualTo(8);
        LoginChart.Bar busiest = chart.bars().get(5);
        assertThat(busiest.y()).isEqualTo(LoginChart.TOP);
        assertThat(busiest.y() + busiest.height()).isEqualTo(LoginChart.BOTTOM);
        assertThat(chart.bars().get(23).height())
                .as("a quarter of the plot, rounded")
                .isBetween(34, 35);
        assertThat(chart.bars().getFirst().height()).isZero();
        assertThat(chart.bars().get(1).x())
                .isGreaterThan(chart.bars().getFirst().x());
        assertThat(chart.bars().getLast().x() + chart.bars().getLast().width()).isLessThanOrEqualTo(LoginChart.WIDTH);
        assertThat(busiest.title()).isEqualTo("12:00 UTC: 8 logins");
        assertThat(chart.summary())
                .isEqualTo("10 logins in the last 24 hours; the busiest hour began at 12:00 UTC with 8.");
    }

    @Test
    void everySixthHourIsLabelledBelowTheAxis() {
        LoginChart chart = LoginChart.of(hours(new long[24]));

        assertThat(chart.bars())
                .extracting(LoginChart.Bar::label)
                .filteredOn(l -> !l.isEmpty())
                .containsExactly("07:00", "13:00", "19:00", "01:00");
    }

    @Test
    void aDayWithoutLoginsDrawsFlatBarsAndSaysSo() {
        LoginChart chart = LoginChart.of(hours(new long[24]));

        assertThat(chart.max()).isEqualTo(1);
        assertThat(chart.bars()).allSatisfy(bar -> assertThat(bar.height()).isZero());
        assertThat(chart.summary()).isEqualTo("No logins in the last 24 hours.");
    }
}
