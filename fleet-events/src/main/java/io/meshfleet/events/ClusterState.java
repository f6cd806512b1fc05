package io.meshfleet.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A full, level-triggered report of one cluster's mesh on the compacted {@link Topics#CLUSTER_STATE}
 * topic: the latest report per cluster is all a consumer needs.
 *
 * <p>Data version 2 added each namespace's {@link NamespaceState#disruptionBudgets()}; the upcaster in
 * {@link MessageTypes} gives every namespace of a version 1 report an empty list (its agent did not read them).
 * Data version 3 added each namespace's {@link NamespaceState#labels()}; the upcaster from version 2 gives every
 * namespace an empty map.
 *
 * @param clusterId          the cluster
 * @param observedGeneration increases with every report of this cluster; a consumer ignores a report
 *                           whose generation is not higher than the one it holds (see {@link #supersedes})
 * @param clusterKind        user or admin cluster
 * @param labels             the cluster's labels, which plans select on
 * @param meshVersion        the installed mesh version, or null when there is none
 * @param controlPlane       the control plane
 * @param namespaces         the namespaces with their workloads
 * @param observedAt         when the agent read the cluster
 */
public record ClusterState(
        String clusterId,
        long observedGeneration,
        ClusterKind clusterKind,
        Map<String, String> labels,
        String meshVersion,
        ControlPlaneState controlPlane,
        List<NamespaceState> namespaces,
        Instant observedAt) implements Event {

    public ClusterState {
        Require.nonBlank(clusterId, "clusterId");
        Require.notNegative(observedGeneration, "observedGeneration");
        Require.nonNull(clusterKind, "clusterKind");
        labels = Require.map(labels, "labels");
        Require.nonNull(controlPlane, "controlPlane");
        namespaces = Require.list(namespaces, "namespaces");
        Require.nonNull(observedAt, "observedAt");
    }

    @Override
    public String topic() {
        return Topics.CLUSTER_STATE;
    }

    @Override
    public String key() {
        return clusterId;
    }

    /** Whether this report is newer than {@code other} (null meaning none is held) and should replace it. */
    public boolean supersedes(ClusterState other) {
        if (other != null && !clusterId.equals(other.clusterId)) {
            throw new IllegalArgumentException("cannot compare reports of " + clusterId + " and " + other.clusterId);
        }
        return other == null || observedGeneration > other.observedGeneration;
    }
}
