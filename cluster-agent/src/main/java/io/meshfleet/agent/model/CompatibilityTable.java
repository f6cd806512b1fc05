package io.meshfleet.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshfleet.events.PreflightStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which optional features of an install carry over to a target version and which the target does not support:
 * data, read from YAML ({@code compatibility.yaml} next to this class is the bundled table; its header
 * documents the format).
 *
 * @param features    spec paths whose values are optional features
 * @param unsupported what a range of target versions does not support
 */
public record CompatibilityTable(List<SpecPath> features, List<Unsupported> unsupported) {

    /** The resource holding the bundled table. */
    public static final String RESOURCE = "compatibility.yaml";

    /**
     * A feature or value the versions of {@code versions} do not support.
     *
     * @param path     the spec path (it also covers everything under it)
     * @param values   when not empty, only these values (as text) are unsupported
     * @param versions the target versions concerned
     * @param status   how a match is reported: WARN (dropped, install may proceed) or FAIL
     * @param reason   what to tell a person
     */
    public record Unsupported(SpecPath path, List<String> values, VersionRange versions, PreflightStatus status,
            String reason) {

        public Unsupported {
            Objects.requireNonNull(path, "path");
            values = List.copyOf(values);
            Objects.requireNonNull(versions, "versions");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }

        /** Whether this entry concerns the leaf at {@code leafPath} with {@code value} when moving to {@code target}. */
        public boolean matches(List<String> leafPath, Object value, MeshVersion target) {
            return path.covers(leafPath) && versions.contains(target)
                    && (values.isEmpty() || values.contains(String.valueOf(value)));
        }
    }

    public CompatibilityTable {
        features = List.copyOf(features);
        unsupported = List.copyOf(unsupported);
    }

    /** The table bundled with the agent. */
    public static CompatibilityTable bundled() {
        try (InputStream in = CompatibilityTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the agent's classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a table in the format documented in the bundled {@code compatibility.yaml}. */
    public static CompatibilityTable read(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<SpecPath> features = new ArrayList<>();
        for (JsonNode feature : root.path("features")) {
            features.add(SpecPath.parse(required(feature, "path")));
        }
        List<Unsupported> unsupported = new ArrayList<>();
        for (JsonNode entry : root.path("unsupported")) {
            List<String> values = new ArrayList<>();
            entry.path("values").forEach(v -> values.add(v.asText()));
            unsupported.add(new Unsupported(SpecPath.parse(required(entry, "path")), values,
                    VersionRange.parse(required(entry, "versions")),
                    PreflightStatus.valueOf(entry.path("status").asText("WARN")), required(entry, "reason")));
        }
        return new CompatibilityTable(features, unsupported);
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalArgumentException("compatibility table entry " + node + " lacks \"" + field + "\"");
        }
        return value.asText();
    }

    /** Whether the leaf at {@code leafPath} is an optional feature. */
    public boolean isFeature(List<String> leafPath) {
        return features.stream().anyMatch(feature -> feature.covers(leafPath));
    }

    /** The first entry that does not let {@code target} have this leaf value. */
    public Optional<Unsupported> unsupported(List<String> leafPath, Object value, MeshVersion target) {
        return unsupported.stream().filter(entry -> entry.matches(leafPath, value, target)).findFirst();
    }
}
