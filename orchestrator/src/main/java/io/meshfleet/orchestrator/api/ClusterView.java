package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.inventory.ClusterEntity;
import java.time.Instant;
import java.util.Map;

/** A cluster as the REST API shows it. */
public record ClusterView(
        String clusterId,
        String clusterKind,
        Map<String, String> labels,
        String meshVersion,
        String controlPlaneVersion,
        int controlPlanePods,
        int controlPlaneReadyPods,
        int workloadPods,
        int workloadReadyPods,
        Map<String, Integer> proxyVersions,
        long observedGeneration,
        Instant lastSeen) {

    static ClusterView of(ClusterEntity row) {
        return new ClusterView(row.clusterId, row.clusterKind, row.labels, row.meshVersion, row.controlPlaneVersion,
                row.controlPlanePods, row.controlPlaneReadyPods, row.workloadPods, row.workloadReadyPods,
                row.proxyVersions, row.observedGeneration, row.lastSeen);
    }
}
