package dev.gatehouse.core.limit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** At most {@code max} attempts per {@code window}. Written and read as {@code 30/1m}. */
public record Limit(int max, Duration window) {
    public Limit {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit needs max >= 1 and a positive window");
        }
    }

    /** Parses {@code N/<duration>} with a duration of seconds, minutes or hours ({@code 30/1m}). */
    public static Optional<Limit> parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/", 2);
        if (parts.length != 2 || !parts[1].matches("\\d{1,5}[smh]")) {
            return Optional.empty();
        }
        try {
            int max = Integer.parseInt(parts[0]);
            long amount = Long.parseLong(parts[1].substring(0, parts[1].length() - 1));
            Duration window = switch (parts[1].charAt(parts[1].length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            return max >= 1 && amount >= 1 ? Optional.of(new Limit(max, window)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return max + "/" + window.toSeconds() + "s";
    }
}
