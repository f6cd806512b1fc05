package io.meshfleet.orchestrator.plan;

/** The state of one wave. */
public enum WaveState {
    /** Not started. Transitions to: AWAITING_APPROVAL, RUNNING (previous wave succeeded), SKIPPED (abort). */
    PENDING,
    /** Waits for an approver. Transitions to: RUNNING (approve), SKIPPED (abort). */
    AWAITING_APPROVAL,
    /** Clusters are being changed. Transitions to: SOAKING, SUCCEEDED (no soak), FAILED (maxFailures exceeded). */
    RUNNING,
    /** Every cluster is done; waits out the soak. Transitions to: SUCCEEDED. */
    SOAKING,
    /** Done, soaked. Terminal (the next wave may start). */
    SUCCEEDED,
    /**
     * More clusters failed than the wave tolerates; the plan is HALTED. Transitions to: RUNNING (a retry
     * brings the failures back within bounds).
     */
    FAILED,
    /** The plan was aborted before the wave finished. Terminal. */
    SKIPPED
}
