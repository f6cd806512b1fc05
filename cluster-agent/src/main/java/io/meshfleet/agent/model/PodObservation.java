package io.meshfleet.agent.model;

import io.meshfleet.events.PodState;
import java.util.Map;
import java.util.Objects;

/**
 * One pod as read from the cluster, with what the state report needs beyond {@link PodState}.
 *
 * @param namespace           its namespace
 * @param pod                 the pod (owner resolved to its workload: a ReplicaSet's pods name their Deployment)
 * @param controlPlaneVersion for an istiod pod: the image tag of its {@code discovery} container; else null
 * @param labels              its labels (which PodDisruptionBudgets select it)
 */
public record PodObservation(String namespace, PodState pod, String controlPlaneVersion, Map<String, String> labels) {

    public PodObservation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A pod without labels. */
    public PodObservation(String namespace, PodState pod, String controlPlaneVersion) {
        this(namespace, pod, controlPlaneVersion, Map.of());
    }
}
