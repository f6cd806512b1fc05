package io.meshfleet.sim.store;

import java.util.List;

/**
 * Sizing and bootstrap of one cluster's store.
 *
 * @param historyLimit how many recent changes a watch may resume from (older resourceVersions get 410 Gone);
 *                     the main memory knob besides the objects themselves
 * @param namespaces namespaces created when the store starts
 */
public record StoreOptions(int historyLimit, List<String> namespaces) {

    /** 128 changes of history (the API server keeps 100 per resource type); a fresh cluster's namespaces. */
    public static final StoreOptions DEFAULTS =
            new StoreOptions(128, List.of("default", "kube-system", "kube-public", "kube-node-lease"));

    /** Defensive copy. */
    public StoreOptions {
        if (historyLimit < 0) {
            throw new IllegalArgumentException("historyLimit must be >= 0");
        }
        namespaces = List.copyOf(namespaces);
    }

    /** These options with another history limit. */
    public StoreOptions withHistoryLimit(int limit) {
        return new StoreOptions(limit, namespaces);
    }
}
