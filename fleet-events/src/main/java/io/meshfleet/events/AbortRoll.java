package io.meshfleet.events;

/**
 * Asks sidecar-roller to give up a plan's roll on a cluster; it starts no further restarts.
 *
 * @param planId    the plan
 * @param clusterId the cluster
 * @param reason    why, for the audit trail
 */
public record AbortRoll(String planId, String clusterId, String reason) implements RollerCommand {

    public AbortRoll {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(reason, "reason");
    }
}
