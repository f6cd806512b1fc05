package io.meshfleet.events;

import java.util.List;

/**
 * One namespace with its workloads as an agent observed it.
 *
 * @param name             the namespace name
 * @param injectionEnabled whether new pods get a sidecar (the {@code istio-injection} or {@code istio.io/rev} label)
 * @param workloads        its workloads
 * @param disruptionBudgets its PodDisruptionBudgets (added in {@link ClusterState} data version 2; a version 1
 *                          report, whose agent did not read them, decodes with none)
 */
public record NamespaceState(String name, boolean injectionEnabled, List<WorkloadState> workloads,
                             List<DisruptionBudgetState> disruptionBudgets) {

    public NamespaceState {
        Require.nonBlank(name, "name");
        workloads = Require.list(workloads, "workloads");
        disruptionBudgets = Require.list(disruptionBudgets, "disruptionBudgets");
    }

    /** A namespace without PodDisruptionBudgets. */
    public NamespaceState(String name, boolean injectionEnabled, List<WorkloadState> workloads) {
        this(name, injectionEnabled, workloads, List.of());
    }
}
