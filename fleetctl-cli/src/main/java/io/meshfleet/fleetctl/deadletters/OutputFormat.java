package io.meshfleet.fleetctl.deadletters;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code dead-letters list} prints: an aligned table for people, or JSON Lines for tools. */
public enum OutputFormat {
    /** Aligned columns: TIME, SERVICE, SOURCE, REASON, KEY, DETAIL. */
    TABLE,
    /** One JSON object per line with every header, the key and the value. */
    JSON;

    /** The name on the command line. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The picocli converter of {@code -o}: {@code table} or {@code json}, case-insensitive. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : values()) {
                if (format.name().equalsIgnoreCase(value.strip())) {
                    return format;
                }
            }
            throw new TypeConversionException("expected one of " + new Candidates() + " but was '" + value + "'");
        }
    }

    /** The values {@code -o} accepts, for help and errors. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(OutputFormat::optionValue).iterator();
        }

        @Override
        public String toString() {
            return Arrays.stream(values()).map(OutputFormat::optionValue).collect(Collectors.joining(", "));
        }
    }
}
