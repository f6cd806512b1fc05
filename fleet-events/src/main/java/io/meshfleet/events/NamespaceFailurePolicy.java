package io.meshfleet.events;

/** What sidecar-roller does with the rest of a cluster's roll when one namespace fails ({@link RollFailed}). */
public enum NamespaceFailurePolicy {
    /** No further namespace of the cluster is started; the ones already rolling finish. The default. */
    STOP_CLUSTER,
    /** The remaining namespaces are rolled; each failed namespace is reported with its own {@link RollFailed}. */
    CONTINUE
}
