package io.meshfleet.events;

import java.util.List;

/**
 * One namespace with its workloads as an agent observed it.
 *
 * @param name             the namespace name
 * @param injectionEnabled whether new pods get a sidecar (the {@code istio-injection} or {@code istio.io/rev} label)
 * @param workloads        its workloads
 */
public record NamespaceState(String name, boolean injectionEnabled, List<WorkloadState> workloads) {

    public NamespaceState {
        Require.nonBlank(name, "name");
        workloads = Require.list(workloads, "workloads");
    }
}
