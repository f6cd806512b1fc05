package io.meshfleet.fleetctl.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A picocli converter for an option whose values are an enum's constants written in lower case on the command line
 * ({@code -o json}), accepted in any case; anything else is a usage error listing the allowed values.
 */
public abstract class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    protected EnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " but was '" + value + "'");
    }
}
