package io.meshfleet.agent.model;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.NamespaceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ClusterState} says about a cluster, without its generation and time: two equal contents mean
 * nothing changed, so no report is due except a heartbeat. Lists are sorted, so equality does not depend on
 * the order the cluster listed things in.
 */
public record StateContent(ClusterKind kind, Map<String, String> labels, String meshVersion,
        ControlPlaneState controlPlane, List<NamespaceState> namespaces) {

    public StateContent {
        Objects.requireNonNull(kind, "kind");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(controlPlane, "controlPlane");
        namespaces = List.copyOf(namespaces);
    }

    /** This content as the report of {@code clusterId} with {@code generation}, observed at {@code at}. */
    public ClusterState toReport(String clusterId, long generation, Instant at) {
        return new ClusterState(clusterId, generation, kind, labels, meshVersion, controlPlane, namespaces, at);
    }
}
