package io.meshfleet.fleetctl.deadletters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value of {@code --since}: a fixed instant, or a duration back from the clock's now. */
public final class Since {

    /** What {@code --since} accepts, for error messages. */
    static final String EXPECTED = "expected an ISO-8601 instant such as 2026-11-27T01:00:00Z or a duration such as"
            + " 2h, 30m, 1d12h or PT2H";

    /** A compact duration: one or more of {@code <n>d}, {@code <n>h}, {@code <n>m}, {@code <n>s}. */
    private static final Pattern COMPACT_DURATION = Pattern.compile("(?:\\d{1,9}[dhms])+");
    private static final Pattern COMPACT_PART = Pattern.compile("(\\d{1,9})([dhms])");

    private final Instant instant;
    private final Duration ago;

    private Since(Instant instant, Duration ago) {
        this.instant = instant;
        this.ago = ago;
    }

    /** A fixed instant. */
    public static Since at(Instant instant) {
        return new Since(Objects.requireNonNull(instant, "instant is required"), null);
    }

    /** A non-negative duration back from the clock's now. */
    public static Since ago(Duration duration) {
        Objects.requireNonNull(duration, "duration is required");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the duration must not be negative: " + duration);
        }
        return new Since(null, duration);
    }

    /**
     * Reads {@code 2026-11-27T01:00:00Z}, {@code 2026-11-27T02:00:00+01:00}, {@code 2h}, {@code 1d12h} or
     * {@code PT2H}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Since parse(String text) {
        String value = Objects.requireNonNull(text, "text is required").strip();
        try {
            if (COMPACT_DURATION.matcher(value).matches()) {
                Duration duration = Duration.ZERO;
                Matcher part = COMPACT_PART.matcher(value);
                while (part.find()) {
                    long amount = Long.parseLong(part.group(1));
                    duration = duration.plus(switch (part.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
                }
                return ago(duration);
            }
            if (value.startsWith("P") || value.startsWith("p")) {
                return ago(Duration.parse(value));
            }
            try {
                return at(Instant.parse(value));
            } catch (DateTimeParseException notAnInstant) {
                return at(OffsetDateTime.parse(value).toInstant());
            }
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(EXPECTED + " but was '" + text + "'", e);
        }
    }

    /** The earliest instant this value admits, given the clock. */
    public Instant resolve(Clock clock) {
        return instant != null ? instant : clock.instant().minus(ago);
    }

    @Override
    public String toString() {
        return instant != null ? instant.toString() : ago.toString() + " ago";
    }

    /** The picocli converter of {@code --since}. */
    public static final class Converter implements ITypeConverter<Since> {
        @Override
        public Since convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
