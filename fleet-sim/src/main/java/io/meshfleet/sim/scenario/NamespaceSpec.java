package io.meshfleet.sim.scenario;

import java.util.List;
import java.util.Map;

/**
 * A namespace of a simulated cluster.
 *
 * @param name      the namespace's name
 * @param injection whether it carries {@code istio-injection=enabled}, so its pods get a sidecar
 * @param labels    further namespace labels
 * @param workloads what runs in it
 */
public record NamespaceSpec(String name, boolean injection, Map<String, String> labels, List<WorkloadSpec> workloads) {

    public NamespaceSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
    }

    /** Pods this namespace runs when every workload is at its replica count. */
    public int pods() {
        return workloads.stream().mapToInt(WorkloadSpec::replicas).sum();
    }
}
