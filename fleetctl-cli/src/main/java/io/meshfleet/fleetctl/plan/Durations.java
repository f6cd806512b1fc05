package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations as the orchestrator's JSON carries them, and as fleetctl prints them. Pure. */
final class Durations {

    private Durations() {
    }

    /**
     * A duration of the orchestrator's JSON: Quarkus writes {@code java.time.Duration} as decimal seconds
     * ({@code 300.000000000}, its default {@code WRITE_DURATIONS_AS_TIMESTAMPS}); ISO-8601 text ({@code PT5M}) is
     * read too. Null when the value is missing, null or unreadable.
     */
    static Duration of(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return seconds(value.decimalValue());
        }
        String text = value.asText().strip();
        try {
            return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : seconds(new BigDecimal(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static Duration seconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    /** Exactly, for spec values: {@code 0s}, {@code 45s}, {@code 5m}, {@code 2m30s}, {@code 1h}, {@code 1h05m}. */
    static String exact(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + (m > 0 || s > 0 ? String.format("%02dm", m) : "") + (s > 0 ? String.format("%02ds", s) : "");
        }
        if (m > 0) {
            return m + "m" + (s > 0 ? String.format("%02ds", s) : "");
        }
        return s + "s";
    }

    /** Roughly, for estimates: seconds under a minute, else whole minutes rounded up ({@code 12m}, {@code 1h05m}). */
    static String rough(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = (seconds + 59) / 60;
        return minutes < 60 ? minutes + "m" : minutes / 60 + "h" + String.format("%02dm", minutes % 60);
    }
}
