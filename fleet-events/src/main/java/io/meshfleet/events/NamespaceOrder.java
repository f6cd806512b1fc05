package io.meshfleet.events;

/** The order in which sidecar-roller rolls the namespaces of a cluster. */
public enum NamespaceOrder {
    /**
     * The order of {@link RollSidecars#namespaces()}; when that list is empty (every namespace with
     * injection enabled), the order of the cluster's state report. The default.
     */
    AS_LISTED,
    /** Sorted by namespace name, in {@link String} order. */
    BY_NAME,
    /**
     * Sorted by the value of the namespace label {@link RollSidecars#orderLabel()} (from the cluster's
     * state report): values that are both whole numbers compare as numbers ({@code 2} before {@code 10}),
     * other values in {@link String} order; namespaces without the label come last; ties by name. A roller
     * older than this value dead-letters the command rather than roll in another order.
     */
    BY_LABEL
}
