package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.TextTable;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code plan create --dry-run} prints: the orchestrator's dry-run answer ({@code PlanService.Prepared}:
 * {@code spec} and {@code preview}, the latter a {@code WavePlanner.Preview} with waves[index, clusters,
 * maxConcurrency, maxFailures, soak, requireApproval, etaMin, etaMax], excluded[clusterId, reason, detail],
 * problems[field, message], etaMin, etaMax and artifact[state, sha256, detail]) as lines for people. Pure.
 */
public final class PlanPreview {

    private PlanPreview() {
    }

    /** Whether the plan can be created as previewed: the preview lists no problems. */
    public static boolean creatable(JsonNode prepared) {
        return prepared.path("preview").path("problems").isEmpty();
    }

    /** The preview's lines. */
    public static List<String> lines(JsonNode prepared) {
        JsonNode spec = prepared.path("spec");
        JsonNode preview = prepared.path("preview");
        List<String> lines = new ArrayList<>();
        String from = PlanProgress.text(spec.path("fromVersion"));
        lines.add("plan " + PlanProgress.text(spec.path("name")) + ": " + PlanProgress.text(spec.path("targetVersion"))
                + (from.isEmpty() ? "" : " (only clusters at " + from + ")") + ", profile "
                + PlanProgress.text(spec.path("profile")) + ", platform " + PlanProgress.text(spec.path("platform"))
                + ", on failure " + PlanProgress.text(spec.path("failurePolicy")));
        lines.add(artifact(spec, preview.path("artifact")));
        lines.add("");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"WAVE", "CLUSTERS", "AT ONCE", "MAX FAILURES", "SOAK", "APPROVAL", "ETA"});
        int clusters = 0;
        for (JsonNode wave : preview.path("waves")) {
            int index = wave.path("index").asInt();
            clusters += wave.path("clusters").size();
            rows.add(new String[] {
                index + (index == 0 ? " (canary)" : ""),
                Integer.toString(wave.path("clusters").size()),
                Integer.toString(wave.path("maxConcurrency").asInt()),
                Integer.toString(wave.path("maxFailures").asInt()),
                Durations.exact(orZero(Durations.of(wave.path("soak")))),
                wave.path("requireApproval").asBoolean() ? "required" : "-",
                range(wave.path("etaMin"), wave.path("etaMax"))});
        }
        lines.addAll(TextTable.lines(rows));
        for (JsonNode wave : preview.path("waves")) {
            List<String> ids = new ArrayList<>();
            wave.path("clusters").forEach(id -> ids.add(id.asText()));
            lines.add("  wave " + wave.path("index").asInt() + ": " + (ids.isEmpty() ? "(none)" : String.join(", ", ids)));
        }
        lines.add("");
        JsonNode excluded = preview.path("excluded");
        if (excluded.isEmpty()) {
            lines.add("excluded: none");
        } else {
            lines.add("excluded (" + excluded.size() + "), never touched by this plan:");
            List<String[]> why = new ArrayList<>();
            for (JsonNode cluster : excluded) {
                why.add(new String[] {"  " + cluster.path("clusterId").asText(), cluster.path("reason").asText(),
                    PlanProgress.text(cluster.path("detail"))});
            }
            lines.addAll(TextTable.lines(why));
        }
        lines.add("");
        lines.add("ETA " + range(preview.path("etaMin"), preview.path("etaMax")) + " for " + clusters
                + " clusters in " + preview.path("waves").size() + " waves (the seed's figures: 5-10 min per control"
                + " plane, sidecars at the plan's rate, soaks; approvals not counted)");
        JsonNode problems = preview.path("problems");
        if (!problems.isEmpty()) {
            lines.add("");
            lines.add("problems: the plan cannot be created until they are fixed:");
            for (JsonNode problem : problems) {
                lines.add("  " + problem.path("field").asText() + ": " + problem.path("message").asText());
            }
        }
        return lines;
    }

    private static String artifact(JsonNode spec, JsonNode artifact) {
        String release = "release " + PlanProgress.text(spec.path("targetVersion")) + "/"
                + PlanProgress.text(spec.path("platform")) + ": ";
        return switch (artifact.path("state").asText()) {
            case "VERIFIED" -> release + "VERIFIED, sha256 " + PlanProgress.text(artifact.path("sha256"));
            case "REJECTED" -> release + "REJECTED (" + PlanProgress.text(artifact.path("detail"))
                    + "); clusters would fail at AWAITING_ARTIFACT: mirror a good release first";
            default -> release + "not verified yet; clusters wait for it (AWAITING_ARTIFACT): mirror it with"
                    + " fleetctl release mirror --version " + PlanProgress.text(spec.path("targetVersion"));
        };
    }

    private static String range(JsonNode min, JsonNode max) {
        String low = Durations.rough(orZero(Durations.of(min)));
        String high = Durations.rough(orZero(Durations.of(max)));
        return low.equals(high) ? low : low + " - " + high;
    }

    private static java.time.Duration orZero(java.time.Duration d) {
        return d == null ? java.time.Duration.ZERO : d;
    }
}
