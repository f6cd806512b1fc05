package io.meshfleet.fleetctl.deadletters;

import io.meshfleet.events.DeadLetter;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The picocli converter of {@code --reason}: a {@link DeadLetter.Reason} name, case-insensitive. */
public final class ReasonConverter implements ITypeConverter<DeadLetter.Reason> {

    /** Every reason name, comma-separated, for help and errors. */
    static final String ALLOWED = Arrays.stream(DeadLetter.Reason.values())
            .map(Enum::name)
            .collect(Collectors.joining(", "));

    @Override
    public DeadLetter.Reason convert(String value) {
        String wanted = value.strip().replace('-', '_');
        for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
            if (reason.name().equalsIgnoreCase(wanted)) {
                return reason;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a dead-letter reason; allowed: " + ALLOWED);
    }
}
