package io.meshfleet.events;

import java.util.List;

/**
 * One workload with its pods as an agent observed it.
 *
 * @param kind            the workload kind
 * @param name            the workload name (the pod name for a bare pod)
 * @param desiredReplicas the replicas the controller wants (scheduled nodes for a DaemonSet, 1 for a bare pod)
 * @param pods            its current pods
 */
public record WorkloadState(WorkloadKind kind, String name, int desiredReplicas, List<PodState> pods) {

    public WorkloadState {
        Require.nonNull(kind, "kind");
        Require.nonBlank(name, "name");
        Require.notNegative(desiredReplicas, "desiredReplicas");
        pods = Require.list(pods, "pods");
    }

    /** This workload as a restart target. */
    public WorkloadRef ref() {
        return new WorkloadRef(kind, name);
    }
}
