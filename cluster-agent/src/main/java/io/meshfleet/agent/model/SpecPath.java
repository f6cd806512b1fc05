package io.meshfleet.agent.model;

import java.util.List;
import java.util.Objects;

/**
 * A dot-separated path into an IstioOperator spec, e.g. {@code values.global.proxy.tracer}; a {@code *} segment
 * matches any one segment. A path covers the leaf it names and every leaf under it.
 *
 * @param segments the path's segments
 */
public record SpecPath(List<String> segments) {

    public SpecPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a spec path needs non-empty segments: " + segments);
        }
    }

    /** Parses {@code a.b.c}. */
    public static SpecPath parse(String dotted) {
        Objects.requireNonNull(dotted, "path");
        return new SpecPath(List.of(dotted.trim().split("\\.", -1)));
    }

    /** Whether this path names {@code leafPath} or one of its ancestors. */
    public boolean covers(List<String> leafPath) {
        if (leafPath.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).equals("*") && !segments.get(i).equals(leafPath.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
