package io.meshfleet.agent.model;

import io.meshfleet.events.ClusterKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an agent read from one cluster for a state report, before it is shaped into one.
 *
 * @param kind       user or admin cluster
 * @param labels     the cluster's labels
 * @param namespaces namespace name to whether sidecar injection is enabled in it
 * @param workloads  the workload controllers
 * @param pods       the pods
 */
public record ClusterObservation(ClusterKind kind, Map<String, String> labels, Map<String, Boolean> namespaces,
        List<WorkloadObservation> workloads, List<PodObservation> pods) {

    public ClusterObservation {
        Objects.requireNonNull(kind, "kind");
        labels = Map.copyOf(labels);
        namespaces = Map.copyOf(namespaces);
        workloads = List.copyOf(workloads);
        pods = List.copyOf(pods);
    }
}
