package io.meshfleet.orchestrator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.events.Installer;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.events.SmokeCheck;
import io.meshfleet.events.SmokeCheckKind;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a plan document (JSON or YAML, already parsed to a tree) into a {@link PlanSpec}.
 * Collects every error rather than stopping at the first, each naming the field and what is allowed.
 * Durations are ISO-8601 ({@code PT10M}) or short ({@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}).
 */
public final class PlanReader {

    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})(s|m|h|d)");
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9.\\-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,252}");

    private static final Set<String> PLATFORMS = Set.of("linux", "osx", "win");
    private static final Set<String> TOP = Set.of("name", "targetVersion", "fromVersion", "profile", "platform",
            "installer", "selector", "waves", "sidecarLimits", "smokeTests", "failurePolicy", "deadlines");
    private static final Set<String> SELECTOR = Set.of("matchLabels", "clusters");
    private static final Set<String> WAVE = Set.of("clusters", "count", "percent", "maxConcurrency", "maxFailures",
            "soak", "requireApproval");
    private static final Set<String> LIMITS = Set.of("podsPerMinutePerNamespace", "podsPerMinutePerCluster",
            "maxUnavailable");
    private static final Set<String> SMOKE = Set.of("name", "kind", "url", "expectedStatus", "bodyContains", "image",
            "command");
    private static final Set<String> DEADLINES = Set.of("artifact", "preflight", "install", "controlPlaneReady",
            "sidecars", "smokeTests");

    private final List<FieldError> errors = new ArrayList<>();

    private PlanReader() {
    }

    /** The plan in {@code document}; throws {@link InvalidPlanException} listing every problem. */
    public static PlanSpec read(JsonNode document) {
        PlanReader reader = new PlanReader();
        PlanSpec spec = reader.plan(document);
        if (!reader.errors.isEmpty()) {
            throw new InvalidPlanException(reader.errors);
        }
        return spec;
    }

    private PlanSpec plan(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            error("$", "the plan must be an object with targetVersion, selector and waves");
            return null;
        }
        unknown(doc, "", TOP);
        String name = string(doc, "name", false, null);
        String target = string(doc, "targetVersion", true, null);
        if (target != null && !VERSION.matcher(target).matches()) {
            error("targetVersion", "must be a mesh version like 1.5.10-asm.2, was \"" + target + "\"");
        }
        String from = string(doc, "fromVersion", false, null);
        if (from != null && !VERSION.matcher(from).matches()) {
            error("fromVersion", "must be a mesh version like 1.6.14-asm.1, was \"" + from + "\"");
        }
        if (from != null && from.equals(target)) {
            error("fromVersion", "must differ from targetVersion");
        }
        String profile = string(doc, "profile", false, PlanSpec.DEFAULT_PROFILE);
        String platform = string(doc, "platform", false, PlanSpec.DEFAULT_PLATFORM);
        if (platform != null && !PLATFORMS.contains(platform)) {
            error("platform", "must be one of linux, osx, win (the release archive agents download), was \"" + platform + "\"");
        }
        Installer installer = enumValue(doc, "installer", "installer", Installer.class, Installer.ISTIOCTL);
        ClusterSelector selector = selector(doc.get("selector"));
        List<WaveSpec> waves = waves(doc.get("waves"));
        SidecarLimits limits = limits(doc.get("sidecarLimits"));
        List<SmokeCheck> smoke = smokeTests(doc.get("smokeTests"));
        FailurePolicy policy = enumValue(doc, "failurePolicy", "failurePolicy", FailurePolicy.class,
                FailurePolicy.HALT);
        StepDeadlines deadlines = deadlines(doc.get("deadlines"));
        if (!errors.isEmpty()) {
            return null;
        }
        return new PlanSpec(name == null ? target : name, target, from, profile, platform, installer, selector, waves,
                limits, smoke, policy, deadlines);
    }

    private ClusterSelector selector(JsonNode node) {
        if (node == null || node.isNull()) {
            return new ClusterSelector(Map.of(), List.of());
        }
        if (!node.isObject()) {
            error("selector", "must be an object with matchLabels and/or clusters");
            return null;
        }
        unknown(node, "selector.", SELECTOR);
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode matchLabels = node.get("matchLabels");
        if (matchLabels != null && !matchLabels.isNull()) {
            if (!matchLabels.isObject()) {
                error("selector.matchLabels", "must be an object of label name to value");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual()) {
                        error("selector.matchLabels." + e.getKey(), "must be a string");
                    } else {
                        labels.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
        }
        List<String> clusters = names(node.get("clusters"), "selector.clusters");
        return new ClusterSelector(labels, clusters);
    }

    private List<WaveSpec> waves(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            error("waves", "required: a list of at least one wave; wave 0 is the canary (clusters or count)");
            return List.of();
        }
        List<WaveSpec> waves = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "waves[" + i + "]";
            JsonNode w = node.get(i);
            if (!w.isObject()) {
                error(path, "must be an object");
                continue;
            }
            unknown(w, path + ".", WAVE);
            List<String> clusters = names(w.get("clusters"), path + ".clusters");
            for (String c : clusters) {
                if (!listed.add(c)) {
                    error(path + ".clusters", "cluster " + c + " is listed in more than one wave");
                }
            }
            int count = integer(w, "count", path, 0, 0, 100000);
            int percent = integer(w, "percent", path, 0, 0, 100);
            int ways = (clusters.isEmpty() ? 0 : 1) + (count > 0 ? 1 : 0) + (percent > 0 ? 1 : 0);
            if (i == 0) {
                if (percent > 0) {
                    error(path + ".percent", "the canary (wave 0) takes explicit clusters or a count, not a percent");
                } else if (ways != 1) {
                    error(path, "the canary (wave 0) needs exactly one of clusters (a list) or count (>= 1)");
                }
            } else if (count > 0) {
                error(path + ".count", "only the canary (wave 0) takes a count; later waves take percent or clusters");
            } else if (ways != 1) {
                error(path, "needs exactly one of percent (1-100) or clusters (a list)");
            }
            int maxConcurrency = integer(w, "maxConcurrency", path, 1, 1, 1000);
            int maxFailures = integer(w, "maxFailures", path, 0, 0, 100000);
            if (i == 0 && maxFailures > 0) {
                error(path + ".maxFailures", "must be 0: the canary must pass before anything else is touched");
            }
            Duration soak = duration(w.get("soak"), path + ".soak", Duration.ZERO);
            boolean approval = bool(w, "requireApproval", path, false);
            waves.add(new WaveSpec(clusters, count, percent, maxConcurrency, maxFailures, soak, approval));
        }
        return waves;
    }

    private SidecarLimits limits(JsonNode node) {
        if (node == null || node.isNull()) {
            return SidecarLimits.DEFAULT;
        }
        if (!node.isObject()) {
            error("sidecarLimits", "must be an object with podsPerMinutePerNamespace, podsPerMinutePerCluster, "
                    + "maxUnavailable");
            return null;
        }
        unknown(node, "sidecarLimits.", LIMITS);
        int perNs = integer(node, "podsPerMinutePerNamespace", "sidecarLimits",
                SidecarLimits.DEFAULT.podsPerMinutePerNamespace(), 1, 100000);
        int perCluster = integer(node, "podsPerMinutePerCluster", "sidecarLimits",
                SidecarLimits.DEFAULT.podsPerMinutePerCluster(), 1, 100000);
        String maxUnavailable = string(node, "maxUnavailable", false, SidecarLimits.DEFAULT.maxUnavailable(),
                "sidecarLimits.");
        try {
            return new SidecarLimits(perNs, perCluster, maxUnavailable);
        } catch (IllegalArgumentException e) {
            error("sidecarLimits.maxUnavailable", e.getMessage());
            return null;
        }
    }

    private List<SmokeCheck> smokeTests(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error("smokeTests", "must be a list of checks (name, kind HTTP or JOB, ...)");
            return List.of();
        }
        List<SmokeCheck> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "smokeTests[" + i + "]";
            JsonNode c = node.get(i);
            if (!c.isObject()) {
                error(path, "must be an object");
                continue;
            }
            unknown(c, path + ".", SMOKE);
            String name = string(c, "name", true, null, path + ".");
            if (name != null && !names.add(name)) {
                error(path + ".name", "\"" + name + "\" is used by another check; names must be unique");
            }
            SmokeCheckKind kind = enumValue(c, "kind", path + ".kind", SmokeCheckKind.class, null);
            if (kind == null) {
                if (c.get("kind") == null) {
                    error(path + ".kind", "required: one of " + Arrays.toString(SmokeCheckKind.values()));
                }
                continue;
            }
            int status = integer(c, "expectedStatus", path, kind == SmokeCheckKind.HTTP ? 200 : 0, 0, 599);
            List<String> command = new ArrayList<>();
            JsonNode cmd = c.get("command");
            if (cmd != null && cmd.isArray()) {
                cmd.forEach(part -> command.add(part.asText()));
            }
            try {
                checks.add(new SmokeCheck(name == null ? "unnamed" : name, kind, text(c, "url"), status,
                        text(c, "bodyContains"), text(c, "image"), command));
            } catch (IllegalArgumentException | NullPointerException e) {
                error(path, e.getMessage() + (kind == SmokeCheckKind.HTTP ? " (HTTP checks need url)"
                        : " (JOB checks need image)"));
            }
        }
        return checks;
    }

    private StepDeadlines deadlines(JsonNode node) {
        StepDeadlines d = StepDeadlines.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            error("deadlines", "must be an object with any of " + DEADLINES);
            return d;
        }
        unknown(node, "deadlines.", DEADLINES);
        return new StepDeadlines(
                positive(node.get("artifact"), "deadlines.artifact", d.artifact()),
                positive(node.get("preflight"), "deadlines.preflight", d.preflight()),
                positive(node.get("install"), "deadlines.install", d.install()),
                positive(node.get("controlPlaneReady"), "deadlines.controlPlaneReady", d.controlPlaneReady()),
                positive(node.get("sidecars"), "deadlines.sidecars", d.sidecars()),
                positive(node.get("smokeTests"), "deadlines.smokeTests", d.smokeTests()));
    }

    // ---- field helpers ---------------------------------------------------------------------------

    private Duration positive(JsonNode node, String path, Duration fallback) {
        Duration d = duration(node, path, fallback);
        if (d.isZero() || d.isNegative()) {
            error(path, "must be a positive duration");
            return fallback;
        }
        return d;
    }

    private Duration duration(JsonNode node, String path, Duration fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        String text = node.asText().trim();
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative()) {
                error(path, "must not be negative, was " + text);
                return fallback;
            }
            return d;
        } catch (DateTimeParseException e) {
            error(path, "must be a duration like 90s, 10m, 2h, 1d or PT10M, was \"" + text + "\"");
            return fallback;
        }
    }

    private List<String> names(JsonNode node, String path) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            error(path, "must be a list of cluster ids");
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            if (!n.isTextual() || !NAME.matcher(n.asText()).matches()) {
                error(path + "[" + i + "]", "must be a cluster id (letters, digits, '.', '_', '-')");
            } else if (names.contains(n.asText())) {
                error(path + "[" + i + "]", "cluster " + n.asText() + " is listed twice");
            } else {
                names.add(n.asText());
            }
        }
        return names;
    }

    private int integer(JsonNode parent, String field, String path, int fallback, int min, int max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            error(path + "." + field, "must be an integer from " + min + " to " + max + ", was " + node);
            return fallback;
        }
        return node.asInt();
    }

    private boolean bool(JsonNode parent, String field, String path, boolean fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            error(path + "." + field, "must be true or false, was " + node);
            return fallback;
        }
        return node.asBoolean();
    }

    private String string(JsonNode parent, String field, boolean required, String fallback) {
        return string(parent, field, required, fallback, "");
    }

    private String string(JsonNode parent, String field, boolean required, String fallback, String prefix) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                error(prefix + field, "required");
            }
            return fallback;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            error(prefix + field, "must be a non-empty string, was " + node);
            return fallback;
        }
        return node.asText();
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private <E extends Enum<E>> E enumValue(JsonNode parent, String field, String path, Class<E> type, E fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, node.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(path, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was " + node);
            return fallback;
        }
    }

    private void unknown(JsonNode node, String prefix, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                error(prefix + name, "unknown field; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
