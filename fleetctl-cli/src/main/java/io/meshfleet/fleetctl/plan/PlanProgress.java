package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code plan status} prints: a plan's JSON (the orchestrator's {@code PlanView}: planId, name, targetVersion,
 * state, spec, waves[index, clusters, state, startedAt, soakUntil, approvedBy], clusters[clusterId, wave, step,
 * stepSince, attempt, failure, failureDetail, ...]) turned into lines with a progress bar and an ETA per wave and
 * cluster ({@link PlanEta}). {@link #lines} is the whole picture (redrawn in place on a terminal);
 * {@link #changes} is what changed between two polls, as plain lines for logs and pipes. Pure.
 */
public final class PlanProgress {

    /** Width of a bar between its brackets. */
    static final int BAR = 20;
    /** Failure details are cut to this many characters so a line fits a terminal. */
    static final int DETAIL = 50;

    /** The steps of a cluster's procedure in order; a cluster's bar is filled up to its step. */
    private static final List<String> STEPS = List.of("PENDING", "AWAITING_ARTIFACT", "PREFLIGHT", "INSTALLING",
            "AWAITING_CONTROL_PLANE", "ROLLING_SIDECARS", "SMOKE_TESTING", "SUCCEEDED");

    private PlanProgress() {
    }

    /** The whole picture: the plan's line, then each wave's line followed by its clusters' lines. */
    public static List<String> lines(JsonNode plan, Map<String, Integer> workloadPods, Instant now) {
        return lines(plan, workloadPods, now, false);
    }

    /**
     * The picture; when {@code compact}, only clusters being changed or failed get a line (the others are counted in
     * their wave's line), so a large fleet's picture fits a terminal that redraws it in place.
     */
    public static List<String> lines(JsonNode plan, Map<String, Integer> workloadPods, Instant now, boolean compact) {
        PlanEta.Estimate eta = PlanEta.of(plan, workloadPods, now);
        List<String> lines = new ArrayList<>();
        lines.add(headline(plan, eta));
        List<String[]> rows = new ArrayList<>();
        for (JsonNode wave : plan.path("waves")) {
            rows.add(waveRow(plan, wave, eta));
            for (JsonNode cluster : clustersOf(plan, wave.path("index").asInt())) {
                String step = cluster.path("step").asText();
                if (!compact || !List.of("PENDING", "SUCCEEDED", "SKIPPED").contains(step)) {
                    rows.add(clusterRow(cluster, eta));
                }
            }
        }
        if (!rows.isEmpty()) {
            lines.addAll(TextTable.lines(rows));
        }
        if (!terminal(plan)) {
            lines.add("ETA: control plane ~7.5 min, sidecars at " + podsPerMinute(plan)
                    + " pods/min per cluster, soaks; approvals not counted");
        }
        return lines;
    }

    /**
     * The lines that describe what changed from {@code before} to {@code after} (the plan's state, a wave's state,
     * a cluster's step or attempt), each prefixed with {@code now}; every line of the picture when {@code before}
     * is null.
     */
    public static List<String> changes(JsonNode before, JsonNode after, Map<String, Integer> workloadPods, Instant now) {
        if (before == null) {
            return lines(after, workloadPods, now);
        }
        PlanEta.Estimate eta = PlanEta.of(after, workloadPods, now);
        String at = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "  ";
        List<String> lines = new ArrayList<>();
        Map<Integer, JsonNode> wavesBefore = new LinkedHashMap<>();
        before.path("waves").forEach(w -> wavesBefore.put(w.path("index").asInt(), w));
        Map<String, JsonNode> clustersBefore = new LinkedHashMap<>();
        before.path("clusters").forEach(c -> clustersBefore.put(c.path("clusterId").asText(), c));
        for (JsonNode wave : after.path("waves")) {
            int index = wave.path("index").asInt();
            JsonNode old = wavesBefore.get(index);
            if (old == null || !old.path("state").asText().equals(wave.path("state").asText())) {
                String[] row = waveRow(after, wave, eta);
                row[2] = ""; // no bars in plain lines
                lines.add(at + String.join("  ", nonBlank(row)));
            }
            for (JsonNode cluster : clustersOf(after, index)) {
                JsonNode was = clustersBefore.get(cluster.path("clusterId").asText());
                if (was == null || !was.path("step").asText().equals(cluster.path("step").asText())
                        || was.path("attempt").asInt() != cluster.path("attempt").asInt()) {
                    String[] row = clusterRow(cluster, eta);
                    row[0] = row[0].strip() + " (wave " + index + ")";
                    row[2] = "";
                    lines.add(at + String.join("  ", nonBlank(row)));
                }
            }
        }
        if (!before.path("state").asText().equals(after.path("state").asText())) {
            lines.add(at + headline(after, eta));
        }
        return lines;
    }

    private static String headline(JsonNode plan, PlanEta.Estimate eta) {
        StringBuilder line = new StringBuilder("plan ").append(plan.path("planId").asText());
        if (!text(plan.path("name")).isEmpty()) {
            line.append(" (").append(plan.path("name").asText()).append(")");
        }
        line.append(": ").append(text(plan.path("targetVersion"))).append("  ").append(plan.path("state").asText());
        int total = plan.path("clusters").size();
        int done = count(plan.path("clusters"), "SUCCEEDED");
        line.append("  ").append(done).append("/").append(total).append(" clusters done");
        int failed = failed(plan.path("clusters"));
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed");
        }
        if (!terminal(plan)) {
            line.append("  ETA ").append(Durations.rough(eta.plan()));
            switch (plan.path("state").asText()) {
                case "DRAFT" -> line.append(" once started");
                case "PAUSED" -> line.append(" once resumed");
                case "HALTED" -> line.append(" once failures are retried or resumed");
                default -> { }
            }
        }
        return line.toString();
    }

    private static String[] waveRow(JsonNode plan, JsonNode wave, PlanEta.Estimate eta) {
        int index = wave.path("index").asInt();
        List<JsonNode> clusters = clustersOf(plan, index);
        int done = 0;
        int failed = 0;
        for (JsonNode cluster : clusters) {
            String step = cluster.path("step").asText();
            done += "SUCCEEDED".equals(step) ? 1 : 0;
            failed += failedStep(step) ? 1 : 0;
        }
        String state = wave.path("state").asText();
        List<String> notes = new ArrayList<>();
        if ("AWAITING_APPROVAL".equals(state)) {
            notes.add("approve: fleetctl plan approve " + plan.path("planId").asText() + " --reason ...");
        } else if (!text(wave.path("approvedBy")).isEmpty()) {
            notes.add("approved by " + wave.path("approvedBy").asText());
        } else if ("PENDING".equals(state)
                && plan.path("spec").path("waves").path(index).path("requireApproval").asBoolean()) {
            notes.add("needs approval");
        }
        if ("SOAKING".equals(state) && !text(wave.path("soakUntil")).isEmpty()) {
            notes.add("soak until " + wave.path("soakUntil").asText());
        }
        Duration left = eta.waves().get(index);
        return new String[] {
            "wave " + index + (index == 0 ? " (canary)" : ""),
            state,
            bar(clusters.isEmpty() ? 0 : done * BAR / clusters.size(), '#'),
            done + "/" + clusters.size() + " done" + (failed > 0 ? ", " + failed + " failed" : ""),
            left == null || terminal(plan) ? "" : "ETA " + Durations.rough(left),
            String.join("; ", notes)};
    }

    private static String[] clusterRow(JsonNode cluster, PlanEta.Estimate eta) {
        String step = cluster.path("step").asText();
        String bar;
        if (failedStep(step)) {
            bar = bar(BAR, 'x');
        } else if ("SKIPPED".equals(step)) {
            bar = bar(0, '#');
        } else {
            int position = Math.max(0, STEPS.indexOf(step));
            bar = bar(position * BAR / (STEPS.size() - 1), '#');
        }
        int attempt = cluster.path("attempt").asInt();
        Duration left = eta.clusters().get(cluster.path("clusterId").asText());
        String note = "";
        if (!text(cluster.path("failure")).isEmpty()) {
            note = cut(cluster.path("failure").asText() + (text(cluster.path("failureDetail")).isEmpty() ? ""
                    : ": " + cluster.path("failureDetail").asText()));
        }
        return new String[] {
            "  " + cluster.path("clusterId").asText(),
            step,
            bar,
            attempt > 1 ? "attempt " + attempt : "",
            left == null ? "" : "ETA " + Durations.rough(left),
            note};
    }

    private static List<JsonNode> clustersOf(JsonNode plan, int wave) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode cluster : plan.path("clusters")) {
            if (cluster.path("wave").asInt() == wave) {
                byId.put(cluster.path("clusterId").asText(), cluster);
            }
        }
        List<JsonNode> ordered = new ArrayList<>();
        // In the wave's own order (the order the orchestrator starts them in), then any the wave does not list.
        for (JsonNode id : plan.path("waves").path(wave).path("clusters")) {
            JsonNode cluster = byId.remove(id.asText());
            if (cluster != null) {
                ordered.add(cluster);
            }
        }
        ordered.addAll(byId.values());
        return ordered;
    }

    private static String bar(int filled, char fill) {
        int n = Math.max(0, Math.min(BAR, filled));
        return "[" + String.valueOf(fill).repeat(n) + "-".repeat(BAR - n) + "]";
    }

    private static boolean failedStep(String step) {
        return "FAILED".equals(step) || "ROLLED_BACK".equals(step) || "ROLLING_BACK".equals(step);
    }

    private static int count(JsonNode clusters, String step) {
        int n = 0;
        for (JsonNode cluster : clusters) {
            n += step.equals(cluster.path("step").asText()) ? 1 : 0;
        }
        return n;
    }

    private static int failed(JsonNode clusters) {
        int n = 0;
        for (JsonNode cluster : clusters) {
            n += failedStep(cluster.path("step").asText()) ? 1 : 0;
        }
        return n;
    }

    private static boolean terminal(JsonNode plan) {
        String state = plan.path("state").asText();
        return "SUCCEEDED".equals(state) || "ABORTED".equals(state);
    }

    private static int podsPerMinute(JsonNode plan) {
        int rate = plan.path("spec").path("sidecarLimits").path("podsPerMinutePerCluster").asInt(0);
        return rate > 0 ? rate : PlanEta.DEFAULT_PODS_PER_MINUTE;
    }

    private static List<String> nonBlank(String[] cells) {
        List<String> kept = new ArrayList<>();
        for (String cell : cells) {
            if (!cell.isBlank()) {
                kept.add(cell);
            }
        }
        return kept;
    }

    private static String cut(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= DETAIL ? oneLine : oneLine.substring(0, DETAIL - 3) + "...";
    }

    static String text(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
