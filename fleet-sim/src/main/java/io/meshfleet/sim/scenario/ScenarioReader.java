package io.meshfleet.sim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario from YAML and checks all of it at once: a bad file fails with every problem,
 * each naming its field (e.g. {@code clusters[1].namespaces[0].workloads[2].kind}) and what is
 * allowed. Cluster groups ({@code count} + {@code namePattern}) are expanded here. Pure apart from
 * reading the file.
 */
public final class ScenarioReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
    private static final int MAX_CLUSTERS = 20_000;
    private static final int MAX_REPLICAS = 1_000;

    private final List<String> problems = new ArrayList<>();
    /** The cluster names each fault entry targets, by position, including entries whose type is invalid. */
    private final List<List<String>> faultTargets = new ArrayList<>();

    private ScenarioReader() {
    }

    /**
     * The scenarios that ship with fleet-sim, by name: {@code default} (the demo's fleet) and
     * {@code crashloop-canary} (the same fleet, but the canary's pods crash-loop on the target release).
     */
    public static final List<String> BUILT_IN = List.of("default", "crashloop-canary");

    /** The built-in default scenario. */
    public static Scenario defaultScenario() {
        return builtIn("default");
    }

    /**
     * A built-in scenario by name (see {@link #BUILT_IN}).
     *
     * @throws IllegalArgumentException if no scenario of that name ships with fleet-sim
     */
    public static Scenario builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in scenario is named '" + name + "'; built in: "
                    + String.join(", ", BUILT_IN));
        }
        String resource = "/io/meshfleet/sim/scenario/" + name + ".yaml";
        try (InputStream in = ScenarioReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in scenario " + resource + " is missing from the jar");
            }
            return read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the scenario file {@code path}. */
    public static Scenario read(Path path) throws IOException {
        return read(Files.readString(path), path.toString());
    }

    /**
     * Reads a scenario from YAML text.
     *
     * @param source where the text came from, for messages
     * @throws ScenarioException listing every problem
     */
    public static Scenario read(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source, List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source, List.of("the scenario must be a YAML mapping with at least `clusters`"));
        }
        ScenarioReader reader = new ScenarioReader();
        Scenario scenario = reader.scenario(root);
        if (!reader.problems.isEmpty()) {
            throw new ScenarioException(source, reader.problems);
        }
        return scenario;
    }

    private Scenario scenario(JsonNode root) {
        known(root, "", "name", "timeScale", "delays", "clusters", "faults");
        String name = text(root, "name", "scenario");
        double timeScale = root.path("timeScale").isMissingNode() ? 1.0 : root.path("timeScale").asDouble(-1);
        if (timeScale < 1 || timeScale > 100_000) {
            problems.add("timeScale: " + root.path("timeScale") + " must be a number from 1 (real time) to 100000");
        }
        Delays delays = delays(root.path("delays"));
        List<Fault> faults = faults(root.path("faults"));
        List<ClusterSpec> clusters = clusters(root.path("clusters"), faults);
        return new Scenario(name, timeScale, delays, clusters);
    }

    private Delays delays(JsonNode node) {
        if (node.isMissingNode()) {
            return Delays.DEFAULT;
        }
        known(node, "delays", "podScheduling", "containerStart", "podTermination", "controlPlaneInstall", "apiLatency");
        return new Delays(duration(node, "delays", "podScheduling"), duration(node, "delays", "containerStart"),
                duration(node, "delays", "podTermination"), duration(node, "delays", "controlPlaneInstall"),
                duration(node, "delays", "apiLatency"));
    }

    private List<ClusterSpec> clusters(JsonNode node, List<Fault> faults) {
        if (!node.isArray() || node.isEmpty()) {
            problems.add("clusters: a list of at least one cluster or cluster group is required");
            return List.of();
        }
        List<ClusterSpec> clusters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "clusters[" + i + "]";
            JsonNode group = node.get(i);
            known(group, path, "name", "namePattern", "count", "admin", "labels", "mesh", "namespaces");
            // A group's members share one description: read it once, so each problem is reported once.
            Map<String, String> labels = stringMap(group.path("labels"), path + ".labels");
            MeshSpec mesh = mesh(group.path("mesh"), path + ".mesh");
            List<NamespaceSpec> namespaces = namespaces(group.path("namespaces"), path + ".namespaces");
            for (String clusterName : clusterNames(group, path)) {
                if (!names.add(clusterName)) {
                    problems.add(path + ": cluster name '" + clusterName + "' is used twice");
                }
                List<Fault> own = faults.stream().filter(f -> f.clusters().contains(clusterName)).toList();
                clusters.add(new ClusterSpec(clusterName, group.path("admin").asBoolean(false), labels, mesh,
                        namespaces, own));
            }
        }
        for (int i = 0; i < faultTargets.size(); i++) {
            for (String target : faultTargets.get(i)) {
                if (!names.contains(target)) {
                    problems.add("faults[" + i + "].clusters: no cluster is named '" + target + "'");
                }
            }
        }
        return clusters;
    }

    private List<String> clusterNames(JsonNode group, String path) {
        boolean hasName = group.has("name");
        boolean hasPattern = group.has("namePattern");
        if (hasName == hasPattern) {
            problems.add(path + ": give either `name` (one cluster) or `namePattern` and `count` (a group)");
            return List.of();
        }
        if (hasName) {
            String name = group.path("name").asText();
            checkName(name, path + ".name");
            return List.of(name);
        }
        int count = group.path("count").asInt(-1);
        if (count < 1 || count > MAX_CLUSTERS) {
            problems.add(path + ".count: " + group.path("count") + " must be a whole number from 1 to " + MAX_CLUSTERS);
            return List.of();
        }
        String pattern = group.path("namePattern").asText();
        List<String> names = new ArrayList<>(count);
        try {
            for (int n = 1; n <= count; n++) {
                names.add(String.format(Locale.ROOT, pattern, n));
            }
        } catch (IllegalFormatException e) {
            problems.add(path + ".namePattern: '" + pattern + "' must contain one %d (e.g. user-%02d)");
            return List.of();
        }
        if (names.get(0).equals(names.get(names.size() - 1)) && count > 1) {
            problems.add(path + ".namePattern: '" + pattern + "' must contain %d so the names differ");
            return List.of();
        }
        checkName(names.get(0), path + ".namePattern");
        return names;
    }

    private MeshSpec mesh(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return new MeshSpec(null, null, null);
        }
        known(node, path, "version", "profile", "features");
        Map<String, Object> features = new LinkedHashMap<>();
        JsonNode featureNode = node.path("features");
        if (!featureNode.isMissingNode() && !featureNode.isObject()) {
            problems.add(path + ".features: must be a mapping of istioctl --set paths to values");
        }
        featureNode.properties().forEach(e -> {
            if (!e.getKey().startsWith("values.") && !e.getKey().startsWith("components.")
                    && !e.getKey().startsWith("addonComponents.") && !e.getKey().startsWith("meshConfig.")) {
                problems.add(path + ".features." + e.getKey()
                        + ": a feature is an istioctl --set path starting with values., components., addonComponents. or meshConfig.");
            }
            features.put(e.getKey(), scalar(e.getValue()));
        });
        return new MeshSpec(node.hasNonNull("version") ? node.get("version").asText() : null,
                node.hasNonNull("profile") ? node.get("profile").asText() : null, features);
    }

    private List<NamespaceSpec> namespaces(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(path + ": must be a list of namespaces");
            return List.of();
        }
        List<NamespaceSpec> namespaces = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String nsPath = path + "[" + i + "]";
            JsonNode ns = node.get(i);
            known(ns, nsPath, "name", "injection", "labels", "workloads");
            String name = ns.path("name").asText("");
            checkName(name, nsPath + ".name");
            List<WorkloadSpec> workloads = new ArrayList<>();
            JsonNode list = ns.path("workloads");
            for (int w = 0; w < list.size(); w++) {
                workloads.add(workload(list.get(w), nsPath + ".workloads[" + w + "]"));
            }
            namespaces.add(new NamespaceSpec(name, ns.path("injection").asBoolean(false),
                    stringMap(ns.path("labels"), nsPath + ".labels"), workloads));
        }
        return namespaces;
    }

    private WorkloadSpec workload(JsonNode node, String path) {
        known(node, path, "kind", "name", "replicas");
        String kind = node.path("kind").asText("");
        if (!WorkloadSpec.KINDS.contains(kind)) {
            problems.add(path + ".kind: '" + kind + "' is not one of " + WorkloadSpec.KINDS);
        }
        String name = node.path("name").asText("");
        checkName(name, path + ".name");
        int replicas = node.path("replicas").asInt(kind.equals("Pod") ? 1 : -1);
        if (replicas < 0 || replicas > MAX_REPLICAS || !node.path("replicas").isMissingNode()
                && !node.path("replicas").isInt()) {
            problems.add(path + ".replicas: " + node.path("replicas") + " must be a whole number from 0 to "
                    + MAX_REPLICAS);
        }
        if (kind.equals("Pod") && replicas != 1) {
            problems.add(path + ".replicas: a bare Pod has exactly 1 replica");
        }
        return new WorkloadSpec(kind, name, replicas);
    }

    private List<Fault> faults(JsonNode node) {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "faults[" + i + "]";
            JsonNode fault = node.get(i);
            known(fault, path, "type", "clusters", "namespace", "workload", "proxyVersion");
            Fault.Type type = faultType(fault.path("type").asText(""), path + ".type");
            List<String> clusters = new ArrayList<>();
            fault.path("clusters").forEach(c -> clusters.add(c.asText()));
            faultTargets.add(clusters);
            if (clusters.isEmpty()) {
                problems.add(path + ".clusters: name at least one cluster");
            }
            String proxyVersion = fault.hasNonNull("proxyVersion") ? fault.get("proxyVersion").asText() : null;
            if (type == Fault.Type.CRASH_LOOP_ON_PROXY_VERSION && proxyVersion == null) {
                problems.add(path + ".proxyVersion: required for crashLoopOnProxyVersion (the version pods crash with)");
            }
            if (type != null) {
                faults.add(new Fault(type, clusters, fault.hasNonNull("namespace") ? fault.get("namespace").asText() : null,
                        fault.hasNonNull("workload") ? fault.get("workload").asText() : null, proxyVersion));
            }
        }
        return faults;
    }

    private Fault.Type faultType(String text, String path) {
        // Accept the YAML-friendly camelCase (crashLoopOnProxyVersion) and the enum name alike.
        String normalized = text.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        for (Fault.Type type : Fault.Type.values()) {
            if (type.name().equals(normalized)) {
                return type;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (Fault.Type type : Fault.Type.values()) {
            allowed.add(camel(type.name()));
        }
        problems.add(path + ": '" + text + "' is not one of " + allowed);
        return null;
    }

    private static String camel(String enumName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : enumName.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private Duration duration(JsonNode node, String path, String field) {
        if (!node.has(field)) {
            return null;
        }
        String text = node.get(field).asText();
        Matcher short_ = SHORT_DURATION.matcher(text);
        if (short_.matches()) {
            long n = Long.parseLong(short_.group(1));
            return switch (short_.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(path + "." + field + ": '" + text + "' is not a duration: use 500ms, 5s, 10m, 1h or PT5M");
            return null;
        }
    }

    private Map<String, String> stringMap(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(path + ": must be a mapping of strings");
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private void checkName(String name, String path) {
        if (!DNS_LABEL.matcher(name).matches()) {
            problems.add(path + ": '" + name + "' is not a DNS label (lowercase letters, digits and '-', at most 63)");
        }
    }

    private void known(JsonNode node, String path, String... fields) {
        if (!node.isObject()) {
            problems.add((path.isEmpty() ? "the scenario" : path) + ": must be a mapping");
            return;
        }
        Set<String> allowed = Set.of(fields);
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                problems.add((path.isEmpty() ? "" : path + ".") + f + ": unknown field; allowed: " + List.of(fields));
            }
        });
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.hasNonNull(field) ? node.get(field).asText() : fallback;
    }

    private static Object scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asText();
    }
}
