package io.meshfleet.sim.scenario;

/**
 * A workload of a simulated namespace.
 *
 * @param kind     Deployment, StatefulSet, DaemonSet, Job or Pod (a bare pod without a controller)
 * @param name     the workload's name
 * @param replicas pods it runs (for a DaemonSet: one per simulated node; for a Pod: 1)
 */
public record WorkloadSpec(String kind, String name, int replicas) {

    /** The workload kinds a scenario may use. */
    public static final java.util.List<String> KINDS = java.util.List.of("Deployment", "StatefulSet", "DaemonSet",
            "Job", "Pod");
}
