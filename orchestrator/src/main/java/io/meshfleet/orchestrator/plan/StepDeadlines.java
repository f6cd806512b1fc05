package io.meshfleet.orchestrator.plan;

import java.time.Duration;

/**
 * How long each waiting step of a cluster may take before the cluster fails with
 * {@link FailureReason#DEADLINE_EXCEEDED}. Defaults follow the seed's figures (control plane 5-10
 * min, sidecars at ~100 pods/min).
 */
public record StepDeadlines(
        Duration artifact,
        Duration preflight,
        Duration install,
        Duration controlPlaneReady,
        Duration sidecars,
        Duration smokeTests) {

    public static final StepDeadlines DEFAULT = new StepDeadlines(Duration.ofMinutes(30), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(60), Duration.ofMinutes(10));

    /** The deadline of a waiting step; null for steps that do not wait. */
    public Duration of(ClusterStep step) {
        return switch (step) {
            case AWAITING_ARTIFACT -> artifact;
            case PREFLIGHT -> preflight;
            case INSTALLING, ROLLING_BACK -> install;
            case AWAITING_CONTROL_PLANE -> controlPlaneReady;
            case ROLLING_SIDECARS -> sidecars;
            case SMOKE_TESTING -> smokeTests;
            case PENDING, SUCCEEDED, FAILED, ROLLED_BACK, SKIPPED -> null;
        };
    }
}
