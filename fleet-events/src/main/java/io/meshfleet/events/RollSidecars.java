package io.meshfleet.events;

import java.util.List;

/**
 * Asks sidecar-roller to restart the injected workloads of a cluster until every pod is READY with its
 * proxy at {@code targetProxyVersion}, within the given limits.
 *
 * <p>Data version 2 added {@code namespaceOrder} and {@code onNamespaceFailure}. They are required on the
 * wire, so that a roller never guesses the issuer's intent; a version 1 message means
 * {@link NamespaceOrder#AS_LISTED} and {@link NamespaceFailurePolicy#STOP_CLUSTER}, which its upcaster in
 * {@link MessageTypes} fills in. {@code orderLabel} is optional (left out on the wire when null) and set
 * exactly when the order is {@link NamespaceOrder#BY_LABEL}.
 *
 * @param planId             the plan
 * @param clusterId          the cluster
 * @param namespaces         the namespaces to roll; empty means every namespace with injection enabled
 * @param targetProxyVersion the proxy version every pod must reach
 * @param limits             the pacing limits
 * @param deadlineSeconds    how long a namespace may take to converge before it fails with {@link RollFailed}
 * @param namespaceOrder     the order in which the namespaces are rolled
 * @param onNamespaceFailure whether a failed namespace stops the cluster's roll or the others go on
 * @param orderLabel         the namespace label key whose value orders the namespaces under
 *                           {@link NamespaceOrder#BY_LABEL}; null for every other order
 */
public record RollSidecars(
        String planId,
        String clusterId,
        List<String> namespaces,
        String targetProxyVersion,
        SidecarLimits limits,
        int deadlineSeconds,
        NamespaceOrder namespaceOrder,
        NamespaceFailurePolicy onNamespaceFailure,
        String orderLabel) implements RollerCommand {

    public RollSidecars {
        Require.nonBlank(planId, "planId");
        Require.nonBlank(clusterId, "clusterId");
        namespaces = Require.list(namespaces, "namespaces");
        Require.nonBlank(targetProxyVersion, "targetProxyVersion");
        Require.nonNull(limits, "limits");
        Require.positive(deadlineSeconds, "deadlineSeconds");
        Require.nonNull(namespaceOrder, "namespaceOrder");
        Require.nonNull(onNamespaceFailure, "onNamespaceFailure");
        if (namespaceOrder == NamespaceOrder.BY_LABEL) {
            Require.nonBlank(orderLabel, "orderLabel");
        } else if (orderLabel != null) {
            throw new IllegalArgumentException("orderLabel is only for namespaceOrder BY_LABEL, not " + namespaceOrder);
        }
    }

    /** A roll in an order that needs no label ({@link NamespaceOrder#AS_LISTED} or {@link NamespaceOrder#BY_NAME}). */
    public RollSidecars(String planId, String clusterId, List<String> namespaces, String targetProxyVersion,
                        SidecarLimits limits, int deadlineSeconds, NamespaceOrder namespaceOrder,
                        NamespaceFailurePolicy onNamespaceFailure) {
        this(planId, clusterId, namespaces, targetProxyVersion, limits, deadlineSeconds, namespaceOrder,
                onNamespaceFailure, null);
    }

    /**
     * A roll in the listed order that stops at the cluster's first failed namespace: the defaults, and
     * what a version 1 message means.
     */
    public RollSidecars(String planId, String clusterId, List<String> namespaces, String targetProxyVersion,
                        SidecarLimits limits, int deadlineSeconds) {
        this(planId, clusterId, namespaces, targetProxyVersion, limits, deadlineSeconds,
                NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER);
    }
}
