package io.meshfleet.agent.model;

import io.meshfleet.events.WorkloadKind;
import java.util.Map;
import java.util.Objects;

/**
 * A workload controller as read from the cluster.
 *
 * @param namespace         its namespace
 * @param kind              Deployment, StatefulSet or DaemonSet
 * @param name              its name
 * @param desiredReplicas   replicas wanted (for a DaemonSet: nodes scheduled)
 * @param podTemplateLabels the labels of the pods it creates, so that a PodDisruptionBudget still covers it while
 *                          it has no pod
 */
public record WorkloadObservation(String namespace, WorkloadKind kind, String name, int desiredReplicas,
        Map<String, String> podTemplateLabels) {

    public WorkloadObservation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        podTemplateLabels = podTemplateLabels == null ? Map.of() : Map.copyOf(podTemplateLabels);
    }

    /** A workload whose pod template labels are not known. */
    public WorkloadObservation(String namespace, WorkloadKind kind, String name, int desiredReplicas) {
        this(namespace, kind, name, desiredReplicas, Map.of());
    }
}
