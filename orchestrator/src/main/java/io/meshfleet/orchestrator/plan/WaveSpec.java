package io.meshfleet.orchestrator.plan;

import java.time.Duration;
import java.util.List;

/**
 * One wave of a plan. Its clusters are either listed ({@code clusters}), a {@code count} (wave 0 only)
 * or a {@code percent} of the plan's eligible clusters (later waves); the last wave also takes
 * whatever earlier waves left.
 *
 * @param clusters        explicit cluster ids, or empty
 * @param count           wave 0: how many clusters the canary takes, or 0
 * @param percent         later waves: share of the eligible clusters (1-100), or 0
 * @param maxConcurrency  clusters of the wave changed at the same time
 * @param maxFailures     failed clusters the wave tolerates; one more halts the plan (the canary tolerates none)
 * @param soak            how long the wave must stay healthy after its last cluster succeeded
 * @param requireApproval whether an approver must approve before the wave starts
 */
public record WaveSpec(
        List<String> clusters,
        int count,
        int percent,
        int maxConcurrency,
        int maxFailures,
        Duration soak,
        boolean requireApproval) {

    public WaveSpec {
        clusters = List.copyOf(clusters);
    }
}
