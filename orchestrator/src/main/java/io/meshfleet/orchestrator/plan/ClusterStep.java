package io.meshfleet.orchestrator.plan;

/** Where one cluster is in the seed's per-cluster procedure. */
public enum ClusterStep {
    /** Not started. Transitions to: AWAITING_ARTIFACT, SKIPPED. */
    PENDING,
    /** Waits for the target release to be verified. Transitions to: PREFLIGHT, FAILED. */
    AWAITING_ARTIFACT,
    /** Preflight sent, waits for its result. Transitions to: INSTALLING, FAILED. */
    PREFLIGHT,
    /** InstallControlPlane sent, waits for the agent's result. Transitions to: AWAITING_CONTROL_PLANE, FAILED. */
    INSTALLING,
    /** Waits for a state report with the control plane ready at the target. Transitions to: ROLLING_SIDECARS, FAILED. */
    AWAITING_CONTROL_PLANE,
    /** RollSidecars sent, waits until every sidecar runs the target. Transitions to: SMOKE_TESTING, SUCCEEDED, FAILED. */
    ROLLING_SIDECARS,
    /** RunSmokeTests sent, waits for every check. Transitions to: SUCCEEDED, FAILED. */
    SMOKE_TESTING,
    /** Changed and tested. Terminal. */
    SUCCEEDED,
    /** Failed; stays so until an operator retries. Transitions to: ROLLING_BACK (policy), AWAITING_ARTIFACT (retry). */
    FAILED,
    /** The previous version is being re-installed after a failure. Transitions to: ROLLED_BACK, FAILED. */
    ROLLING_BACK,
    /** Back at its previous version after a failure; counts as failed. Transitions to: AWAITING_ARTIFACT (retry). */
    ROLLED_BACK,
    /** Never touched because the plan was aborted. Terminal. */
    SKIPPED;

    /** Whether the cluster is being changed (a command is outstanding or a condition awaited). */
    public boolean inFlight() {
        return switch (this) {
            case AWAITING_ARTIFACT, PREFLIGHT, INSTALLING, AWAITING_CONTROL_PLANE, ROLLING_SIDECARS, SMOKE_TESTING,
                    ROLLING_BACK -> true;
            case PENDING, SUCCEEDED, FAILED, ROLLED_BACK, SKIPPED -> false;
        };
    }

    /** Whether the cluster counts as failed for its wave. */
    public boolean failed() {
        return this == FAILED || this == ROLLED_BACK || this == ROLLING_BACK;
    }
}
