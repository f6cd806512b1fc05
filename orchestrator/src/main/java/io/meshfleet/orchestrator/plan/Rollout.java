package io.meshfleet.orchestrator.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole persisted state of one plan: its spec, its state, its waves and every cluster's step.
 * Immutable; the {@link Decider} returns the next one.
 *
 * @param planId   the plan id
 * @param spec     what was asked for
 * @param state    the plan's state
 * @param waves    the waves, index 0 the canary
 * @param clusters every cluster of the plan by id, in wave order
 */
public record Rollout(String planId, PlanSpec spec, PlanState state, List<WaveRun> waves,
                      Map<String, ClusterRun> clusters) {

    public Rollout {
        waves = List.copyOf(waves);
        clusters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
    }

    /** A new DRAFT rollout of {@code assignment}, nothing started. */
    public static Rollout draft(String planId, PlanSpec spec, List<List<String>> assignment) {
        List<WaveRun> waves = new ArrayList<>();
        Map<String, ClusterRun> clusters = new LinkedHashMap<>();
        for (int i = 0; i < assignment.size(); i++) {
            waves.add(new WaveRun(i, assignment.get(i), WaveState.PENDING, null, null, null));
            for (String cluster : assignment.get(i)) {
                clusters.put(cluster, ClusterRun.pending(cluster, i));
            }
        }
        return new Rollout(planId, spec, PlanState.DRAFT, waves, clusters);
    }

    /** One wave's run. */
    public record WaveRun(int index, List<String> clusters, WaveState state, Instant startedAt, Instant soakUntil,
                          String approvedBy) {

        public WaveRun {
            clusters = List.copyOf(clusters);
        }

        WaveRun with(WaveState next) {
            return new WaveRun(index, clusters, next, startedAt, soakUntil, approvedBy);
        }

        WaveRun started(Instant at) {
            return new WaveRun(index, clusters, WaveState.RUNNING, at, soakUntil, approvedBy);
        }

        WaveRun soaking(Instant until) {
            return new WaveRun(index, clusters, WaveState.SOAKING, startedAt, until, approvedBy);
        }

        WaveRun approved(String approver) {
            return new WaveRun(index, clusters, state, startedAt, soakUntil, approver);
        }
    }

    /**
     * One cluster's run.
     *
     * @param clusterId       the cluster
     * @param wave            its wave
     * @param step            where it is
     * @param stepSince       when it entered {@code step}, or null while PENDING
     * @param attempt         1 for the first run, +1 per retry
     * @param correlationId   the correlation id of the commands of this attempt; answers carrying another are stale
     * @param previousVersion the version the cluster ran before (from its preflight), or null
     * @param overlay         the install overlay from its preflight
     * @param smokeResults    checks reported so far: name to passed
     * @param failure         why it failed, or null
     * @param failureDetail   what happened, for a person, or null
     */
    public record ClusterRun(String clusterId, int wave, ClusterStep step, Instant stepSince, int attempt,
                             String correlationId, String previousVersion, Map<String, Object> overlay,
                             Map<String, Boolean> smokeResults, FailureReason failure, String failureDetail) {

        public ClusterRun {
            overlay = overlay == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overlay));
            smokeResults = smokeResults == null ? Map.of() : Map.copyOf(smokeResults);
        }

        static ClusterRun pending(String clusterId, int wave) {
            return new ClusterRun(clusterId, wave, ClusterStep.PENDING, null, 0, null, null, Map.of(), Map.of(), null,
                    null);
        }

        ClusterRun at(ClusterStep next, Instant since) {
            return new ClusterRun(clusterId, wave, next, since, attempt, correlationId, previousVersion, overlay,
                    smokeResults, failure, failureDetail);
        }

        ClusterRun newAttempt(Instant since, String correlation) {
            return new ClusterRun(clusterId, wave, ClusterStep.AWAITING_ARTIFACT, since, attempt + 1, correlation,
                    previousVersion, overlay, Map.of(), null, null);
        }

        ClusterRun preflighted(String previous, Map<String, Object> installOverlay) {
            return new ClusterRun(clusterId, wave, step, stepSince, attempt, correlationId, previous, installOverlay,
                    smokeResults, failure, failureDetail);
        }

        ClusterRun withSmokeResult(String check, boolean passed) {
            Map<String, Boolean> results = new LinkedHashMap<>(smokeResults);
            results.put(check, passed);
            return new ClusterRun(clusterId, wave, step, stepSince, attempt, correlationId, previousVersion, overlay,
                    results, failure, failureDetail);
        }

        ClusterRun failed(ClusterStep next, Instant since, FailureReason reason, String detail) {
            return new ClusterRun(clusterId, wave, next, since, attempt, correlationId, previousVersion, overlay,
                    smokeResults, reason, detail);
        }
    }
}
