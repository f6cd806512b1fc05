package io.meshfleet.roller.pacing;

/** Which budget keeps a restart from going now. */
public enum Limit {
    /** The namespace's pods-per-minute budget. */
    NAMESPACE_RATE,
    /** The cluster's pods-per-minute budget. */
    CLUSTER_RATE,
    /** The fleet-wide pods-per-minute budget. */
    FLEET_RATE
}
