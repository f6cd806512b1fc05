package io.meshfleet.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks for the compact constructors of the contract records.
 *
 * <p>Every failure names the field, because the message ends up in a dead-letter record or a
 * refusal that a person reads.
 */
final class Require {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Require() {
    }

    static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " is required");
        }
        return value;
    }

    static String nonBlank(String value, String field) {
        nonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    static int notNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static String sha256(String value, String field) {
        nonNull(value, field);
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lowercase hex characters");
        }
        return value;
    }

    /** An immutable copy; null means empty, null elements are refused. */
    static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                throw new NullPointerException(field + " must not contain null");
            }
        }
        return List.copyOf(values);
    }

    /** An immutable copy; null means empty, null keys and values are refused. */
    static <K, V> Map<K, V> map(Map<K, V> values, String field) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new NullPointerException(field + " must not contain null keys or values");
            }
        });
        return Map.copyOf(values);
    }

    /**
     * A deep immutable copy of a free-form JSON object (an Istio values overlay), null meaning empty.
     *
     * <p>Values may be strings, booleans, integers, decimals, null, lists and nested objects with
     * string keys. Numbers are normalized to what decoding yields, so that a message equals its
     * decoded copy: integers become {@link Long} (or {@link BigInteger} beyond its range) and
     * fractions become {@link BigDecimal}. Doubles and floats are converted to their shortest
     * decimal form; NaN and infinities are refused. No binary floating point survives, which keeps
     * the canonical form used for signatures free of formatting ambiguity.
     */
    static Map<String, Object> jsonObject(Map<String, ?> values, String field) {
        if (values == null) {
            return Map.of();
        }
        return copyObject(values, field);
    }

    private static Map<String, Object> copyObject(Map<?, ?> values, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + " must have string keys, found " + entry.getKey());
            }
            copy.put(key, copyValue(entry.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(path + " must be a finite number, was " + d);
            }
            return value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d);
        }
        if (value instanceof Map<?, ?> map) {
            return copyObject(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(
                path + " must be a JSON value (string, boolean, number, list, object), was " + value.getClass().getName());
    }
}
