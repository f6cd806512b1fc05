package io.meshfleet.orchestrator.inventory;

import io.meshfleet.events.ClusterState;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadState;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the inventory keeps of one {@link ClusterState} report: counts and versions, not pods.
 *
 * @param proxyVersions number of workload pods per sidecar proxy version ({@code "none"} for pods without one)
 */
public record ClusterSummary(
        int controlPlanePods,
        int controlPlaneReadyPods,
        int workloadPods,
        int workloadReadyPods,
        Map<String, Integer> proxyVersions) {

    /** Proxy-version key for pods that carry no sidecar. */
    public static final String NO_PROXY = "none";

    /** Summarises a state report. Pure: the same report always gives the same summary. */
    public static ClusterSummary of(ClusterState state) {
        int cpPods = 0;
        int cpReady = 0;
        for (PodState pod : state.controlPlane().pods()) {
            cpPods++;
            if (pod.allReady()) {
                cpReady++;
            }
        }
        int pods = 0;
        int ready = 0;
        Map<String, Integer> versions = new TreeMap<>();
        for (NamespaceState ns : state.namespaces()) {
            for (WorkloadState workload : ns.workloads()) {
                for (PodState pod : workload.pods()) {
                    pods++;
                    if (pod.allReady()) {
                        ready++;
                    }
                    versions.merge(pod.proxyVersion() == null ? NO_PROXY : pod.proxyVersion(), 1, Integer::sum);
                }
            }
        }
        return new ClusterSummary(cpPods, cpReady, pods, ready, Map.copyOf(versions));
    }
}
