package io.meshfleet.events;

import java.util.List;

/**
 * An agent's answer to {@link RestartWorkloads}: what it restarted and what it left to a person.
 *
 * @param clusterId         the cluster
 * @param rollId            the roll of the command
 * @param namespace         the namespace
 * @param restarted         the workloads restarted (or bare pods deleted)
 * @param needsManualAction names of pods that were not touched because policy forbids deleting them
 */
public record RestartExecuted(
        String clusterId,
        String rollId,
        String namespace,
        List<WorkloadRef> restarted,
        List<String> needsManualAction) implements AgentEvent {

    public RestartExecuted {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(rollId, "rollId");
        Require.nonBlank(namespace, "namespace");
        restarted = Require.list(restarted, "restarted");
        needsManualAction = Require.list(needsManualAction, "needsManualAction");
    }
}
