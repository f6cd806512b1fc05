package io.meshfleet.events;

/** Whether a cluster runs workloads or manages other clusters; meshfleet never installs on an admin cluster. */
public enum ClusterKind {
    /** Runs the application workloads and the mesh: the clusters meshfleet changes. */
    USER,
    /** Manages user clusters (GKE on VMware style); excluded from every plan. */
    ADMIN
}
