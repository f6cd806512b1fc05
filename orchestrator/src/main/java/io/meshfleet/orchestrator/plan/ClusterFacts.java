package io.meshfleet.orchestrator.plan;

import java.time.Instant;
import java.util.Map;

/**
 * What the inventory knows of a cluster, as the decider and the wave planner need it.
 *
 * @param clusterId             the cluster
 * @param admin                 whether it is an admin cluster (never changed)
 * @param labels                its labels
 * @param meshVersion           its mesh version, or null
 * @param controlPlaneVersion   the version of its running istiod, or null
 * @param controlPlanePods      pods in istio-system
 * @param controlPlaneReadyPods of which READY n/n
 * @param workloadPods          workload pods
 * @param workloadReadyPods     of which READY n/n
 * @param proxyVersions         pods per sidecar version ({@code none} for pods without one)
 * @param lastSeen              when its last report arrived
 */
public record ClusterFacts(String clusterId, boolean admin, Map<String, String> labels, String meshVersion,
                           String controlPlaneVersion, int controlPlanePods, int controlPlaneReadyPods,
                           int workloadPods, int workloadReadyPods, Map<String, Integer> proxyVersions,
                           Instant lastSeen) {

    /** Key of {@link #proxyVersions} for pods without a sidecar. */
    public static final String NO_PROXY = "none";

    public ClusterFacts {
        labels = Map.copyOf(labels);
        proxyVersions = Map.copyOf(proxyVersions);
    }

    /** Whether the control plane runs {@code version} with every pod ready (the old one gone). */
    public boolean controlPlaneReadyAt(String version) {
        return version.equals(controlPlaneVersion) && controlPlanePods > 0 && controlPlaneReadyPods == controlPlanePods;
    }

    /** Whether every sidecar runs {@code version} and every workload pod is ready. */
    public boolean sidecarsConvergedAt(String version) {
        boolean onlyTarget = proxyVersions.keySet().stream().allMatch(v -> v.equals(version) || v.equals(NO_PROXY));
        return onlyTarget && workloadReadyPods == workloadPods;
    }
}
