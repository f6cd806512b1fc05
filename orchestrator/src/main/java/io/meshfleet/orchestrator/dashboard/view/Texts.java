package io.meshfleet.orchestrator.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes durations, rates and times for people. */
public final class Texts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /** {@code 0s}, {@code 45s}, {@code 2m 05s}, {@code 1h 30m}, {@code 2d 3h}. */
    public static String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd %dh", s / 86400, (s % 86400) / 3600);
    }

    /** {@link #duration(long)} of {@code d}, {@code -} for null. */
    public static String duration(Duration d) {
        return d == null ? "-" : duration(d.toSeconds());
    }

    /** {@code 42 pods/min}, or {@code -} when not measured yet. */
    public static String rate(Double podsPerMinute) {
        return podsPerMinute == null ? "- pods/min"
                : String.format(Locale.ROOT, "%.0f pods/min", podsPerMinute);
    }

    /** UTC to the second, {@code -} for null. */
    public static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }
}
