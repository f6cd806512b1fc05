package io.meshfleet.fleetctl.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of {@code clusters list}: one row per cluster of the orchestrator's {@code ClusterView} JSON
 * (clusterId, clusterKind, labels, meshVersion, controlPlaneVersion, controlPlanePods, controlPlaneReadyPods,
 * workloadPods, workloadReadyPods, proxyVersions, observedGeneration, lastSeen). Pure.
 */
public final class ClusterTable {

    private ClusterTable() {
    }

    /** The header and one aligned line per cluster. */
    public static List<String> lines(JsonNode clusters) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CLUSTER", "KIND", "MESH", "CONTROL PLANE", "WORKLOADS", "PROXIES", "LABELS", "LAST SEEN"});
        for (JsonNode cluster : clusters) {
            rows.add(new String[] {
                cluster.path("clusterId").asText(),
                text(cluster.path("clusterKind")),
                text(cluster.path("meshVersion")),
                cluster.path("controlPlaneReadyPods").asInt() + "/" + cluster.path("controlPlanePods").asInt(),
                cluster.path("workloadReadyPods").asInt() + "/" + cluster.path("workloadPods").asInt(),
                joined(cluster.path("proxyVersions"), ":"),
                joined(cluster.path("labels"), "="),
                text(cluster.path("lastSeen"))});
        }
        return TextTable.lines(rows);
    }

    /** {@code key<sep>value} pairs sorted by key, comma-separated; {@code -} when there are none. */
    private static String joined(JsonNode object, String separator) {
        Map<String, String> sorted = new TreeMap<>();
        object.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        if (sorted.isEmpty()) {
            return "-";
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + separator + v));
        return String.join(",", pairs);
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? "-" : value.asText();
    }
}
