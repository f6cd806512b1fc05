package io.meshfleet.roller.roll;

/** Where one namespace of a roll stands. */
public enum NamespacePhase {
    /** Not started: earlier namespaces go first. Transitions to: ROLLING, SKIPPED. */
    WAITING,
    /** Started: its deadline runs, its workloads are restarted as the budgets allow. Transitions to: CONVERGED, FAILED. */
    ROLLING,
    /** Every pod READY n/n at the target version. Final. */
    CONVERGED,
    /** Its deadline passed, or a restarted pod crash-loops. Final. */
    FAILED,
    /** Never started because an earlier namespace failed and the roll stops at the first failure. Final. */
    SKIPPED;

    /** Whether nothing will change any more. */
    public boolean isFinal() {
        return switch (this) {
            case WAITING, ROLLING -> false;
            case CONVERGED, FAILED, SKIPPED -> true;
        };
    }
}
