package io.meshfleet.events;

import java.util.List;
import java.util.Map;

/**
 * One namespace with its workloads as an agent observed it.
 *
 * @param name             the namespace name
 * @param injectionEnabled whether new pods get a sidecar (the {@code istio-injection} or {@code istio.io/rev} label)
 * @param workloads        its workloads
 * @param disruptionBudgets its PodDisruptionBudgets (added in {@link ClusterState} data version 2; a version 1
 *                          report, whose agent did not read them, decodes with none)
 * @param labels           the namespace's labels, e.g. for ordering a roll by a label (added in {@link ClusterState}
 *                         data version 3; an older report, whose agent did not send them, decodes with none)
 */
public record NamespaceState(String name, boolean injectionEnabled, List<WorkloadState> workloads,
                             List<DisruptionBudgetState> disruptionBudgets, Map<String, String> labels) {

    public NamespaceState {
        Require.nonBlank(name, "name");
        workloads = Require.list(workloads, "workloads");
        disruptionBudgets = Require.list(disruptionBudgets, "disruptionBudgets");
        labels = Require.map(labels, "labels");
    }

    /** A namespace without labels. */
    public NamespaceState(String name, boolean injectionEnabled, List<WorkloadState> workloads,
                          List<DisruptionBudgetState> disruptionBudgets) {
        this(name, injectionEnabled, workloads, disruptionBudgets, Map.of());
    }

    /** A namespace without PodDisruptionBudgets and labels. */
    public NamespaceState(String name, boolean injectionEnabled, List<WorkloadState> workloads) {
        this(name, injectionEnabled, workloads, List.of(), Map.of());
    }
}
