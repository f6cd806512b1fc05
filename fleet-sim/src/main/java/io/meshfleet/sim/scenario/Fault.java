package io.meshfleet.sim.scenario;

import java.util.List;

/**
 * A fault injected into some clusters of a scenario.
 *
 * @param type         what goes wrong
 * @param clusters     the names of the clusters it affects (after expansion of cluster groups)
 * @param namespace    for pod faults: the namespace (null: every namespace)
 * @param workload     for pod faults: the workload (null: every workload of the namespace)
 * @param proxyVersion for {@link Type#CRASH_LOOP_ON_PROXY_VERSION}: pods crash-loop only with this sidecar version
 */
public record Fault(Type type, List<String> clusters, String namespace, String workload, String proxyVersion) {

    /** The kinds of fault fleet-sim can inject. */
    public enum Type {
        /** Pods with the given proxy version never become ready: READY 1/2, CrashLoopBackOff. */
        CRASH_LOOP_ON_PROXY_VERSION,
        /** The API server stops answering (connections are accepted and never answered). */
        API_UNAVAILABLE,
        /** The API server answers after the scenario's {@code apiLatency} (or 5 s when unset). */
        API_SLOW,
        /**
         * The API server answers normally, but through the fault proxy, so that a test can make it stop answering (and
         * answer again) at a moment of its choosing with {@code FleetSim.apiHealth}.
         */
        API_SWITCHABLE,
        /** A new control plane never becomes Ready: the install hangs until the caller's deadline. */
        CONTROL_PLANE_NEVER_READY,
        /** A PodDisruptionBudget with maxUnavailable 0 covers the workload: evictions are refused. */
        PDB_BLOCKS
    }

    public Fault {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }
}
