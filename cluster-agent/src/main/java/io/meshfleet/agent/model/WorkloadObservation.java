package io.meshfleet.agent.model;

import io.meshfleet.events.WorkloadKind;
import java.util.Objects;

/**
 * A workload controller as read from the cluster.
 *
 * @param namespace       its namespace
 * @param kind            Deployment, StatefulSet or DaemonSet
 * @param name            its name
 * @param desiredReplicas replicas wanted (for a DaemonSet: nodes scheduled)
 */
public record WorkloadObservation(String namespace, WorkloadKind kind, String name, int desiredReplicas) {

    public WorkloadObservation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
