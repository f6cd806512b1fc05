package io.meshfleet.agent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of mesh versions written as space-separated bounds, e.g. {@code >=1.8}, {@code <1.7},
 * {@code >=1.6 <1.8}, {@code *} (every version). A version is in the range when it meets every bound.
 */
public final class VersionRange {

    private record Bound(String operator, MeshVersion version) {
        boolean admits(MeshVersion candidate) {
            int c = candidate.compareTo(version);
            return switch (operator) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "=" -> c == 0;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    private final String text;
    private final List<Bound> bounds;

    private VersionRange(String text, List<Bound> bounds) {
        this.text = text;
        this.bounds = bounds;
    }

    /** Parses a range; a malformed one is an IllegalArgumentException naming it. */
    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "range is required");
        List<Bound> bounds = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            if (part.equals("*")) {
                continue;
            }
            String operator = part.startsWith(">=") || part.startsWith("<=") ? part.substring(0, 2)
                    : part.startsWith(">") || part.startsWith("<") || part.startsWith("=") ? part.substring(0, 1) : "=";
            String version = part.substring(operator.equals("=") && !part.startsWith("=") ? 0 : operator.length());
            try {
                bounds.add(new Bound(operator, MeshVersion.parse(version)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("version range \"" + text + "\": " + e.getMessage(), e);
            }
        }
        return new VersionRange(text.trim(), List.copyOf(bounds));
    }

    /** Whether {@code version} lies in this range. */
    public boolean contains(MeshVersion version) {
        return bounds.stream().allMatch(bound -> bound.admits(version));
    }

    @Override
    public String toString() {
        return text;
    }
}
