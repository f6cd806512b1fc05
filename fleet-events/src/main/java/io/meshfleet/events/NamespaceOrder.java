package io.meshfleet.events;

/** The order in which sidecar-roller rolls the namespaces of a cluster. */
public enum NamespaceOrder {
    /**
     * The order of {@link RollSidecars#namespaces()}; when that list is empty (every namespace with
     * injection enabled), the order of the cluster's state report. The default.
     */
    AS_LISTED,
    /** Sorted by namespace name, in {@link String} order. */
    BY_NAME
}
