package io.meshfleet.orchestrator.plan;

import io.meshfleet.events.SidecarLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns a plan's clusters to waves and estimates how long it takes: the dry run. Pure.
 *
 * <p>Eligible clusters are the selected ones that are user clusters, reachable (reported within
 * {@code staleAfter}), not at the target yet and, with a from-version guard, at that version. Wave 0
 * takes its listed clusters or the first {@code count} eligible ones by id; later waves take their
 * listed clusters or {@code ceil(percent x eligible)} of the remaining ones; the last wave also takes
 * whatever is left. The ETA uses the seed's figures: 5-10 min per control plane, sidecars at the
 * plan's per-cluster restart rate (~100 pods/min), waves' soak; approvals are not counted.
 */
public final class WavePlanner {

    /** Seed figures: a control plane change takes 5 to 10 minutes. */
    static final Duration CONTROL_PLANE_MIN = Duration.ofMinutes(5);
    static final Duration CONTROL_PLANE_MAX = Duration.ofMinutes(10);

    private WavePlanner() {
    }

    /** Why a selected cluster is left out. */
    public enum ExclusionReason {
        ADMIN_CLUSTER, UNREACHABLE, ALREADY_AT_TARGET, FROM_VERSION_MISMATCH, NOT_REPORTED
    }

    /** A selected cluster left out of the plan. */
    public record Exclusion(String clusterId, ExclusionReason reason, String detail) {
    }

    /** One wave as planned, with its ETA range. */
    public record WavePreview(int index, List<String> clusters, int maxConcurrency, int maxFailures, Duration soak,
                              boolean requireApproval, Duration etaMin, Duration etaMax) {
    }

    /**
     * The dry run of a plan.
     *
     * @param waves    the waves with their clusters
     * @param excluded selected clusters left out, with the reason
     * @param problems what prevents creating the plan (e.g. an empty canary); empty when it can be created
     * @param etaMin   optimistic duration of the whole plan (without approvals)
     * @param etaMax   pessimistic duration
     * @param artifact verification state of the target release for the plan's platform
     */
    public record Preview(List<WavePreview> waves, List<Exclusion> excluded, List<FieldError> problems,
                          Duration etaMin, Duration etaMax, ArtifactStatus artifact) {

        /** The cluster ids per wave, as {@link Rollout#draft} takes them. */
        public List<List<String>> assignment() {
            return waves.stream().map(WavePreview::clusters).toList();
        }
    }

    /** Plans {@code spec} over {@code inventory} at {@code now}. */
    public static Preview preview(PlanSpec spec, Collection<ClusterFacts> inventory, Instant now, Duration staleAfter,
                                  ArtifactStatus artifact) {
        Map<String, ClusterFacts> byId = new TreeMap<>();
        inventory.forEach(f -> byId.put(f.clusterId(), f));
        List<Exclusion> excluded = new ArrayList<>();
        Set<String> eligible = new LinkedHashSet<>();
        for (ClusterFacts facts : byId.values()) {
            if (!spec.selector().matches(facts.clusterId(), facts.labels())) {
                continue;
            }
            Exclusion why = exclusion(spec, facts, now, staleAfter);
            if (why == null) {
                eligible.add(facts.clusterId());
            } else {
                excluded.add(why);
            }
        }
        List<String> named = new ArrayList<>(spec.selector().clusters());
        spec.waves().forEach(w -> named.addAll(w.clusters()));
        for (String id : new LinkedHashSet<>(named)) {
            if (!byId.containsKey(id)) {
                excluded.add(new Exclusion(id, ExclusionReason.NOT_REPORTED,
                        "no agent has reported this cluster; check that its agent runs and reaches Kafka"));
            }
        }

        List<FieldError> problems = new ArrayList<>();
        List<String> remaining = new ArrayList<>(eligible);
        int total = eligible.size();
        List<List<String>> assignment = new ArrayList<>();
        for (int i = 0; i < spec.waves().size(); i++) {
            WaveSpec wave = spec.waves().get(i);
            List<String> clusters = new ArrayList<>();
            if (!wave.clusters().isEmpty()) {
                for (String id : wave.clusters()) {
                    if (remaining.remove(id)) {
                        clusters.add(id);
                    } else if (byId.containsKey(id) && !eligible.contains(id)) {
                        // excluded, already listed with its reason
                    } else if (byId.containsKey(id)) {
                        problems.add(new FieldError("waves[" + i + "].clusters",
                                id + " is not selected by the plan's selector"));
                    }
                }
            } else {
                int want = i == 0 ? wave.count() : (int) Math.ceil(total * wave.percent() / 100.0);
                while (clusters.size() < want && !remaining.isEmpty()) {
                    clusters.add(remaining.remove(0));
                }
            }
            assignment.add(clusters);
        }
        if (!assignment.isEmpty() && !remaining.isEmpty()) {
            // Selected, eligible, but no wave took them: the last wave does, so none is silently left out.
            assignment.get(assignment.size() - 1).addAll(remaining);
        }
        if (assignment.isEmpty() || assignment.get(0).isEmpty()) {
            problems.add(new FieldError("waves[0]", "the canary has no eligible cluster (selected: " + total
                    + " eligible, " + excluded.size() + " excluded)"));
        }

        List<WavePreview> waves = new ArrayList<>();
        Duration planMin = Duration.ZERO;
        Duration planMax = Duration.ZERO;
        for (int i = 0; i < assignment.size(); i++) {
            WaveSpec wave = spec.waves().get(i);
            List<String> clusters = assignment.get(i);
            Duration[] eta = waveEta(clusters, byId, wave, spec.sidecarLimits());
            waves.add(new WavePreview(i, List.copyOf(clusters), wave.maxConcurrency(), wave.maxFailures(), wave.soak(),
                    wave.requireApproval(), eta[0], eta[1]));
            planMin = planMin.plus(eta[0]);
            planMax = planMax.plus(eta[1]);
        }
        excluded.sort(Comparator.comparing(Exclusion::clusterId));
        return new Preview(waves, excluded, problems, planMin, planMax, artifact);
    }

    private static Exclusion exclusion(PlanSpec spec, ClusterFacts facts, Instant now, Duration staleAfter) {
        if (facts.admin()) {
            return new Exclusion(facts.clusterId(), ExclusionReason.ADMIN_CLUSTER,
                    "admin clusters are never changed; the mesh runs on user clusters");
        }
        if (facts.lastSeen().isBefore(now.minus(staleAfter))) {
            return new Exclusion(facts.clusterId(), ExclusionReason.UNREACHABLE,
                    "last report at " + facts.lastSeen() + ", more than " + staleAfter + " ago");
        }
        if (spec.targetVersion().equals(facts.meshVersion())) {
            return new Exclusion(facts.clusterId(), ExclusionReason.ALREADY_AT_TARGET,
                    "already runs " + spec.targetVersion());
        }
        if (spec.fromVersion() != null && !spec.fromVersion().equals(facts.meshVersion())) {
            return new Exclusion(facts.clusterId(), ExclusionReason.FROM_VERSION_MISMATCH,
                    "runs " + facts.meshVersion() + ", the plan changes only " + spec.fromVersion());
        }
        return null;
    }

    /** Min and max duration of a wave: clusters in batches of maxConcurrency, each batch as long as its slowest. */
    private static Duration[] waveEta(List<String> clusters, Map<String, ClusterFacts> byId, WaveSpec wave,
                                      SidecarLimits limits) {
        Duration min = Duration.ZERO;
        Duration max = Duration.ZERO;
        for (int start = 0; start < clusters.size(); start += wave.maxConcurrency()) {
            Duration batchSidecars = Duration.ZERO;
            for (String id : clusters.subList(start, Math.min(clusters.size(), start + wave.maxConcurrency()))) {
                ClusterFacts facts = byId.get(id);
                int pods = facts == null ? 0 : facts.workloadPods();
                Duration sidecars = Duration.ofSeconds((long) Math.ceil(pods * 60.0 / limits.podsPerMinutePerCluster()));
                if (sidecars.compareTo(batchSidecars) > 0) {
                    batchSidecars = sidecars;
                }
            }
            min = min.plus(CONTROL_PLANE_MIN).plus(batchSidecars);
            max = max.plus(CONTROL_PLANE_MAX).plus(batchSidecars);
        }
        if (!clusters.isEmpty()) {
            min = min.plus(wave.soak());
            max = max.plus(wave.soak());
        }
        return new Duration[] {min, max};
    }
}
