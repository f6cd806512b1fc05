package io.meshfleet.events;

/**
 * Periodic progress of the roll in one namespace.
 *
 * @param planId     the plan
 * @param clusterId  the cluster
 * @param namespace  the namespace
 * @param restarted  pods restarted so far
 * @param converged  pods READY with their proxy at the target version
 * @param total      pods in the namespace
 * @param etaSeconds estimated seconds until the namespace converges
 */
public record NamespaceProgress(
        String planId,
        String clusterId,
        String namespace,
        int restarted,
        int converged,
        int total,
        long etaSeconds) implements RollerEvent {

    public NamespaceProgress {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(namespace, "namespace");
        Require.notNegative(restarted, "restarted");
        Require.notNegative(converged, "converged");
        Require.notNegative(total, "total");
        Require.notNegative(etaSeconds, "etaSeconds");
    }
}
