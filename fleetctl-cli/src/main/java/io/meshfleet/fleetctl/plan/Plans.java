package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.Orchestrator;
import java.util.HashMap;
import java.util.Map;

/** What the plan commands share: reading a plan with a clear "not found", and the fleet's pod counts for ETAs. */
final class Plans {

    private Plans() {
    }

    /** The path of a plan, or of one of its sub-resources ({@code suffix} such as {@code /start}). */
    static String path(String planId, String suffix) {
        return "/api/v1/plans/" + Orchestrator.encode(planId) + suffix;
    }

    /** {@code GET /api/v1/plans/{planId}}; a 404 says how to find the plan's id. */
    static JsonNode get(Orchestrator orchestrator, String planId) throws ApiException {
        try {
            return orchestrator.get(path(planId, ""), Orchestrator.VIEWER);
        } catch (ApiException e) {
            throw notFound(e, orchestrator, planId);
        }
    }

    /** {@code e} with a message naming the plan and how to list plans when it is a 404. */
    static ApiException notFound(ApiException e, Orchestrator orchestrator, String planId) {
        return e.status() == 404 ? new ApiException(e.exitCode(), 404, "no plan '" + planId + "' on the orchestrator"
                + " at " + orchestrator.url() + "; list the plans with: fleetctl plan list") : e;
    }

    /** Workload pods by cluster id from {@code GET /api/v1/clusters} (the {@code ClusterView}s), for ETAs. */
    static Map<String, Integer> workloadPods(Orchestrator orchestrator) throws ApiException {
        Map<String, Integer> pods = new HashMap<>();
        for (JsonNode cluster : orchestrator.get("/api/v1/clusters", Orchestrator.VIEWER)) {
            pods.put(cluster.path("clusterId").asText(), cluster.path("workloadPods").asInt());
        }
        return pods;
    }
}
