package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * How long a plan still takes, per cluster, per wave and in all, from the plan's JSON (the orchestrator's
 * {@code PlanView}) and the workload pod count of each cluster (its {@code ClusterView}). Pure.
 *
 * <p>The figures are the dry run's (orchestrator {@code WavePlanner}), from the seed procedure: a control plane
 * change takes 5 to 10 minutes (the middle, 7.5 minutes, is used here), sidecars restart at the plan's
 * {@code sidecarLimits.podsPerMinutePerCluster}. A cluster in a control-plane step has what is left of the 7.5
 * minutes after the time it has spent in that step, plus its sidecars; one rolling sidecars has what is left of its
 * sidecar time. A wave runs its clusters through {@code maxConcurrency} slots in order (in-flight clusters hold a
 * slot until they end), then soaks; waves run one after the other. Approvals are not counted, and a paused or
 * halted plan is estimated as if it went on now. Every estimate is a time from now until the thing ends.
 */
public final class PlanEta {

    /** A control plane change: the middle of the seed's 5 to 10 minutes. */
    public static final Duration CONTROL_PLANE = Duration.ofSeconds(450);
    /** The restart rate when the plan names none (the seed's ~100 pods a minute). */
    static final int DEFAULT_PODS_PER_MINUTE = 100;

    /**
     * The estimates: time from now until each unfinished cluster, wave and the plan ends.
     *
     * @param clusters by cluster id, only clusters that still have something to do
     * @param waves    by wave index, only waves not yet SUCCEEDED or SKIPPED
     * @param plan     until the last wave ends; zero when nothing is left
     */
    public record Estimate(Map<String, Duration> clusters, Map<Integer, Duration> waves, Duration plan) {
    }

    private PlanEta() {
    }

    /** Estimates {@code plan} at {@code now}; {@code workloadPods} by cluster id (a missing cluster counts 0 pods). */
    public static Estimate of(JsonNode plan, Map<String, Integer> workloadPods, Instant now) {
        Map<String, Duration> clusters = new HashMap<>();
        Map<Integer, Duration> waves = new HashMap<>();
        String planState = plan.path("state").asText();
        if ("SUCCEEDED".equals(planState) || "ABORTED".equals(planState)) {
            return new Estimate(clusters, waves, Duration.ZERO);
        }
        int rate = plan.path("spec").path("sidecarLimits").path("podsPerMinutePerCluster").asInt(0);
        int podsPerMinute = rate > 0 ? rate : DEFAULT_PODS_PER_MINUTE;
        Map<Integer, List<JsonNode>> byWave = new HashMap<>();
        for (JsonNode cluster : plan.path("clusters")) {
            byWave.computeIfAbsent(cluster.path("wave").asInt(), w -> new ArrayList<>()).add(cluster);
        }
        Duration offset = Duration.ZERO;
        for (JsonNode wave : plan.path("waves")) {
            int index = wave.path("index").asInt();
            String state = wave.path("state").asText();
            if ("SUCCEEDED".equals(state) || "SKIPPED".equals(state)) {
                continue;
            }
            JsonNode spec = plan.path("spec").path("waves").path(index);
            Duration soak = orZero(Durations.of(spec.path("soak")));
            if ("SOAKING".equals(state)) {
                Instant until = instant(wave.path("soakUntil"));
                offset = offset.plus(until == null ? soak : positive(Duration.between(now, until)));
                waves.put(index, offset);
                continue;
            }
            int slotsCount = Math.max(1, spec.path("maxConcurrency").asInt(1));
            PriorityQueue<Duration> slots = new PriorityQueue<>();
            List<JsonNode> pending = new ArrayList<>();
            Duration end = offset;
            for (JsonNode cluster : byWave.getOrDefault(index, List.of())) {
                String step = cluster.path("step").asText();
                Duration sidecars = sidecars(workloadPods.getOrDefault(cluster.path("clusterId").asText(), 0),
                        podsPerMinute);
                if ("PENDING".equals(step)) {
                    pending.add(cluster);
                    continue;
                }
                Duration left = remaining(step, cluster.path("stepSince"), sidecars, now);
                if (left != null) {
                    Duration at = offset.plus(left);
                    clusters.put(cluster.path("clusterId").asText(), at);
                    slots.add(at);
                    end = max(end, at);
                }
            }
            while (slots.size() < slotsCount) {
                slots.add(offset);
            }
            for (JsonNode cluster : pending) {
                Duration free = slots.poll();
                Duration at = free.plus(CONTROL_PLANE).plus(sidecars(
                        workloadPods.getOrDefault(cluster.path("clusterId").asText(), 0), podsPerMinute));
                clusters.put(cluster.path("clusterId").asText(), at);
                slots.add(at);
                end = max(end, at);
            }
            offset = end.plus(soak);
            waves.put(index, offset);
        }
        return new Estimate(clusters, waves, offset);
    }

    /** What is left of a started cluster's procedure, or null when it has nothing left (succeeded, failed, skipped). */
    private static Duration remaining(String step, JsonNode stepSince, Duration sidecars, Instant now) {
        Instant since = instant(stepSince);
        Duration elapsed = since == null ? Duration.ZERO : positive(Duration.between(since, now));
        return switch (step) {
            case "AWAITING_ARTIFACT", "PREFLIGHT", "INSTALLING", "AWAITING_CONTROL_PLANE" ->
                    positive(CONTROL_PLANE.minus(elapsed)).plus(sidecars);
            case "ROLLING_SIDECARS" -> positive(sidecars.minus(elapsed));
            case "ROLLING_BACK" -> positive(CONTROL_PLANE.minus(elapsed));
            case "SMOKE_TESTING" -> Duration.ZERO;
            default -> null;
        };
    }

    private static Duration sidecars(int pods, int podsPerMinute) {
        return Duration.ofSeconds((long) Math.ceil(pods * 60.0 / podsPerMinute));
    }

    static Instant instant(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Duration orZero(Duration d) {
        return d == null ? Duration.ZERO : d;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
