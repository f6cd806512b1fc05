package io.meshfleet.agent.model;

import io.meshfleet.events.ClusterKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an agent read from one cluster for a state report, before it is shaped into one.
 *
 * @param kind              user or admin cluster
 * @param labels            the cluster's labels
 * @param namespaces        namespace name to whether sidecar injection is enabled in it
 * @param workloads         the workload controllers
 * @param pods              the pods
 * @param namespaceLabels   namespace name to its labels
 * @param disruptionBudgets the PodDisruptionBudgets
 */
public record ClusterObservation(ClusterKind kind, Map<String, String> labels, Map<String, Boolean> namespaces,
        List<WorkloadObservation> workloads, List<PodObservation> pods, Map<String, Map<String, String>> namespaceLabels,
        List<DisruptionBudgetObservation> disruptionBudgets) {

    public ClusterObservation {
        Objects.requireNonNull(kind, "kind");
        labels = Map.copyOf(labels);
        namespaces = Map.copyOf(namespaces);
        workloads = List.copyOf(workloads);
        pods = List.copyOf(pods);
        Map<String, Map<String, String>> copy = new HashMap<>();
        (namespaceLabels == null ? Map.<String, Map<String, String>>of() : namespaceLabels)
                .forEach((name, values) -> copy.put(name, Map.copyOf(values)));
        namespaceLabels = Map.copyOf(copy);
        disruptionBudgets = disruptionBudgets == null ? List.of() : List.copyOf(disruptionBudgets);
    }

    /** A cluster without namespace labels or PodDisruptionBudgets. */
    public ClusterObservation(ClusterKind kind, Map<String, String> labels, Map<String, Boolean> namespaces,
            List<WorkloadObservation> workloads, List<PodObservation> pods) {
        this(kind, labels, namespaces, workloads, pods, Map.of(), List.of());
    }
}
