package io.meshfleet.events;

/**
 * Asks sidecar-roller to stop starting restarts for a plan's roll on a cluster; restarts already
 * under way finish. Sending the plan's {@link RollSidecars} again resumes.
 *
 * @param planId    the plan
 * @param clusterId the cluster
 */
public record PauseRoll(String planId, String clusterId) implements RollerCommand {

    public PauseRoll {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
    }
}
