package io.meshfleet.orchestrator.plan;

import java.util.List;
import java.util.Map;

/**
 * Which clusters of the inventory a plan covers: those carrying every label of {@code matchLabels}
 * and, when {@code clusters} is not empty, named in it.
 */
public record ClusterSelector(Map<String, String> matchLabels, List<String> clusters) {

    public ClusterSelector {
        matchLabels = Map.copyOf(matchLabels);
        clusters = List.copyOf(clusters);
    }

    /** Whether a cluster with this id and these labels is selected. */
    public boolean matches(String clusterId, Map<String, String> labels) {
        if (!clusters.isEmpty() && !clusters.contains(clusterId)) {
            return false;
        }
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
