package io.meshfleet.events;

/**
 * Every pod of a namespace is READY with its proxy at the target version.
 *
 * @param planId    the plan
 * @param clusterId the cluster
 * @param namespace the namespace
 * @param pods      the number of pods that converged
 */
public record NamespaceConverged(String planId, String clusterId, String namespace, int pods) implements RollerEvent {

    public NamespaceConverged {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(namespace, "namespace");
        Require.notNegative(pods, "pods");
    }
}
