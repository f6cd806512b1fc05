package io.meshfleet.sim.scenario;

import java.util.List;
import java.util.Map;

/**
 * One simulated cluster, fully resolved from a scenario.
 *
 * @param name       the cluster's name (also its kubeconfig context)
 * @param admin      an admin cluster (GKE on VMware style): meshfleet must never install on it
 * @param labels     cluster labels, for plan selectors
 * @param mesh       the mesh it runs at the start
 * @param namespaces its namespaces and workloads
 * @param faults     the faults injected into it
 */
public record ClusterSpec(String name, boolean admin, Map<String, String> labels, MeshSpec mesh,
        List<NamespaceSpec> namespaces, List<Fault> faults) {

    public ClusterSpec {
        labels = Map.copyOf(labels);
        namespaces = List.copyOf(namespaces);
        faults = List.copyOf(faults);
    }

    /** Workload pods of the cluster (control plane not counted). */
    public int pods() {
        return namespaces.stream().mapToInt(NamespaceSpec::pods).sum();
    }
}
