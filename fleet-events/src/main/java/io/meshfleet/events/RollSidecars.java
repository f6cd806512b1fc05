package io.meshfleet.events;

import java.util.List;

/**
 * Asks sidecar-roller to restart the injected workloads of a cluster until every pod is READY with its
 * proxy at {@code targetProxyVersion}, within the given limits.
 *
 * @param planId             the plan
 * @param clusterId          the cluster
 * @param namespaces         the namespaces to roll; empty means every namespace with injection enabled
 * @param targetProxyVersion the proxy version every pod must reach
 * @param limits             the pacing limits
 * @param deadlineSeconds    how long a namespace may take to converge before it fails with {@link RollFailed}
 */
public record RollSidecars(
        String planId,
        String clusterId,
        List<String> namespaces,
        String targetProxyVersion,
        SidecarLimits limits,
        int deadlineSeconds) implements RollerCommand {

    public RollSidecars {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
        namespaces = Require.list(namespaces, "namespaces");
        Require.nonBlank(targetProxyVersion, "targetProxyVersion");
        Require.nonNull(limits, "limits");
        Require.positive(deadlineSeconds, "deadlineSeconds");
    }
}
