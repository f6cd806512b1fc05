package io.meshfleet.sim.scenario;

import java.util.List;

/**
 * A simulated fleet: its clusters, how fast simulated time runs and what goes wrong. Loaded from
 * YAML by {@link ScenarioReader}; see {@code fleet-sim/README.md} for the format.
 *
 * @param name      the scenario's name
 * @param timeScale simulated seconds per real second: 60 runs an hour-long plan in a minute
 * @param delays    how long simulated things take, in simulated time
 * @param clusters  every cluster, expanded and resolved
 */
public record Scenario(String name, double timeScale, Delays delays, List<ClusterSpec> clusters) {

    public Scenario {
        clusters = List.copyOf(clusters);
    }

    /** Workload pods across the fleet. */
    public int pods() {
        return clusters.stream().mapToInt(ClusterSpec::pods).sum();
    }

    /** The user clusters (those meshfleet may change). */
    public List<ClusterSpec> userClusters() {
        return clusters.stream().filter(c -> !c.admin()).toList();
    }
}
