package io.meshfleet.orchestrator.plan;

/** What the orchestrator does with a cluster whose change failed. */
public enum FailurePolicy {
    /** Leave the cluster as it is for a person to look at. */
    HALT,
    /** Re-install the version the cluster ran before the plan (from its preflight), then leave it. */
    ROLLBACK_AND_HALT
}
