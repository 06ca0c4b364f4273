package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.admin.AdminOverview.HourCount;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Logins per hour as the geometry of a small bar chart, drawn by the template as SVG with presentation
 * attributes and stylesheet classes only (the Content-Security-Policy allows no inline style), so the
 * chart needs neither a script nor a chart library.
 *
 * @param max the highest bar's count (at least 1, so an empty day draws flat bars)
 * @param summary the chart in one sentence, for screen readers and as its description
 */
public record LoginChart(
        int width, int height, int plotTop, int plotBottom, List<Bar> bars, long max, long total, String summary) {
    static final int WIDTH = 480;
    static final int HEIGHT = 180;
    static final int TOP = 12;
    static final int BOTTOM = 150;
    static final int LEFT = 36;
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    public LoginChart {
        bars = List.copyOf(bars);
    }

    static LoginChart of(List<HourCount> hours) {
        long max = Math.max(1, hours.stream().mapToLong(HourCount::count).max().orElse(0));
        long total = hours.stream().mapToLong(HourCount::count).sum();
        double slot = (WIDTH - LEFT) / (double) Math.max(1, hours.size());
        int barWidth = (int) Math.max(2, Math.floor(slot * 0.7));
        List<Bar> bars = new ArrayList<>();
        HourCount busiest = hours.isEmpty() ? null : hours.getFirst();
        for (int i = 0; i < hours.size(); i++) {
            HourCount hour = hours.get(i);
            if (hour.count() > busiest.count()) {
                busiest = hour;
            }
            int barHeight = (int) Math.round((BOTTOM - TOP) * hour.count() / (double) max);
            int x = LEFT + (int) Math.round(i * slot + (slot - barWidth) / 2);
            String label = HOUR.format(hour.start());
            bars.add(new Bar(
                    x,
                    BOTTOM - barHeight,
                    barWidth,
                    barHeight,
                    x + barWidth / 2,
                    // Every sixth hour is labelled below the axis; the others would crowd it.
                    i % 6 == 0 ? label : "",
                    label + " UTC: " + hour.count() + (hour.count() == 1 ? " login" : " logins")));
        }
        String summary = total == 0
                ? "No logins in the last 24 hours."
                : total + (total == 1 ? " login" : " logins") + " in the last 24 hours; the busiest hour began at "
                        + HOUR.format(busiest.start()) + " UTC with " + busiest.count() + ".";
        return new LoginChart(WIDTH, HEIGHT, TOP, BOTTOM, bars, max, total, summary);
    }

    /** The y coordinate of the top gridline and its label: the highest count. */
    public int axisLeft() {
        return LEFT - 6;
    }

    /** The viewBox attribute. */
    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    /**
     * One hour's bar.
     *
     * @param labelX where the hour's label is centred
     * @param label the hour below the axis, or empty
     * @param title what the bar says on hover and to screen readers
     */
    public record Bar(int x, int y, int width, int height, int labelX, String label, String title) {}
}
