package io.meshfleet.events;

import java.util.List;

/**
 * The roll on a cluster failed: a namespace did not converge before its deadline, or the roll could
 * not proceed at all.
 *
 * @param planId    the plan
 * @param clusterId the cluster
 * @param namespace the namespace that failed, or null when the failure concerns the whole cluster
 * @param reason    a machine-readable cause, e.g. {@code DEADLINE_EXCEEDED}
 * @param pods      the pods that did not converge
 */
public record RollFailed(String planId, String clusterId, String namespace, String reason, List<PodProblem> pods)
        implements RollerEvent {

    public RollFailed {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(reason, "reason");
        pods = Require.list(pods, "pods");
    }
}
