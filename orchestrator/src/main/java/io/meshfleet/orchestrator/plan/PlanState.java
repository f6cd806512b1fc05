package io.meshfleet.orchestrator.plan;

/** The state of a plan as a whole. */
public enum PlanState {
    /** Created, nothing touched. Transitions to: RUNNING (start), ABORTED (abort). */
    DRAFT,
    /** Waves advance. Transitions to: PAUSED, HALTED (a wave exceeded maxFailures), SUCCEEDED, ABORTED. */
    RUNNING,
    /**
     * An operator paused: no cluster and no wave is started; clusters already being changed finish their
     * step sequence. Transitions to: RUNNING (resume), ABORTED.
     */
    PAUSED,
    /**
     * A wave had more failures than it tolerates; like PAUSED, nothing new starts. Transitions to:
     * RUNNING (retry of a failed cluster, or resume once failures are within bounds), ABORTED.
     */
    HALTED,
    /** Every wave succeeded. Terminal. */
    SUCCEEDED,
    /** An operator aborted; nothing further happens. Terminal. */
    ABORTED;

    /** Whether nothing can happen to the plan any more. */
    public boolean terminal() {
        return this == SUCCEEDED || this == ABORTED;
    }
}
