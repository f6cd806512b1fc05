package io.meshfleet.events;

import java.util.List;

/**
 * Asks an agent to restart workloads of one namespace so that their pods get the current sidecar;
 * sent by sidecar-roller one paced batch at a time and answered by {@link RestartExecuted}.
 *
 * @param clusterId             the cluster to act on
 * @param rollId                identifies the roll this batch belongs to, for correlating the answer
 * @param namespace             the namespace of the workloads
 * @param workloads             the workloads to restart
 * @param allowBarePodDeletion  whether pods of {@link WorkloadKind#POD} and {@link WorkloadKind#JOB}
 *                              may be deleted; otherwise they are reported as needing manual action
 */
public record RestartWorkloads(
        String clusterId,
        String rollId,
        String namespace,
        List<WorkloadRef> workloads,
        boolean allowBarePodDeletion) implements AgentCommand {

    public RestartWorkloads {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(rollId, "rollId");
        Require.nonBlank(namespace, "namespace");
        workloads = Require.list(workloads, "workloads");
    }
}
