package io.meshfleet.roller.roll;

/** Where a roll of one plan on one cluster stands. */
public enum RollStatus {
    /** Restarting and observing. Transitions to: PAUSED, SUCCEEDED, FAILED, ABORTED. */
    RUNNING,
    /** No restart starts; deadlines stand still. Transitions to: RUNNING (RollSidecars again), ABORTED. */
    PAUSED,
    /** Every namespace converged. Final. */
    SUCCEEDED,
    /** At least one namespace failed and no namespace is rolling any more. Final. */
    FAILED,
    /** Given up on an AbortRoll. Final. */
    ABORTED;

    /** Whether nothing will change any more. */
    public boolean isFinal() {
        return switch (this) {
            case RUNNING, PAUSED -> false;
            case SUCCEEDED, FAILED, ABORTED -> true;
        };
    }
}
