package io.meshfleet.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.sim.controllers.PodView;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.store.BuiltInResources;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The orchestrator's REST API as an operator drives a plan (the calls fleetctl and the demo make): create a plan from
 * YAML, start it, approve the waves that ask for it, read it and its audit trail. A call the orchestrator cannot
 * answer (it is down, or restarting) is an {@link ApiException}, which the chaos tests ride out.
 */
public final class Plans {

    /** The states a plan ends in. */
    public static final List<String> TERMINAL = List.of("SUCCEEDED", "HALTED", "ABORTED");

    private final SystemStack stack;
    private final RestClient orchestrator;

    public Plans(SystemStack stack) {
        this.stack = stack;
        this.orchestrator = new RestClient("orchestrator", stack.environment().url("orchestrator"),
                stack.environment().token(), "the chaos tests");
    }

    /** Creates a plan from its YAML and starts it; its id. */
    public String createAndStart(String yaml, String reason) throws ApiException {
        String planId = orchestrator.postDocument("/api/v1/plans", "application/yaml", yaml).path("planId").asText();
        orchestrator.post("/api/v1/plans/" + planId + "/start", Map.of("reason", reason), Map.of());
        return planId;
    }

    /** The plan as the API shows it. */
    public JsonNode plan(String planId) throws ApiException {
        return orchestrator.get("/api/v1/plans/" + planId);
    }

    /**
     * Reads the plan and approves a wave waiting for approval, as the operator of a plan with approval gates would;
     * the plan, or null when the orchestrator did not answer (it is down or restarting).
     */
    public JsonNode advance(String planId) {
        try {
            JsonNode plan = plan(planId);
            for (JsonNode wave : plan.path("waves")) {
                if ("AWAITING_APPROVAL".equals(wave.path("state").asText())) {
                    orchestrator.post("/api/v1/plans/" + planId + "/approve",
                            Map.of("reason", "chaos test: earlier waves are healthy"), Map.of());
                }
            }
            return plan;
        } catch (ApiException e) {
            return null;
        }
    }

    /**
     * Follows plan {@code planId} through {@link #advance} every {@code poll} (the last answer in {@code last}) until
     * {@code until} holds; fails when the plan ends first or {@code atMost} passes.
     */
    public void await(String planId, AtomicReference<JsonNode> last, Predicate<JsonNode> until, String what,
                      Duration atMost, Duration poll) {
        Awaitility.await(what + " in plan " + planId).atMost(atMost).pollInterval(poll).until(() -> {
            JsonNode plan = advance(planId);
            if (plan != null) {
                last.set(plan);
            }
            return plan != null && (until.test(plan) || ended(plan));
        });
        if (!until.test(last.get())) {
            throw new AssertionError("plan " + planId + " ended before " + what + ": " + last.get());
        }
    }

    /** The step of {@code cluster} in a plan read by {@link #advance}, or "" when the plan or cluster is missing. */
    public static String step(JsonNode plan, String cluster) {
        if (plan != null) {
            for (JsonNode run : plan.path("clusters")) {
                if (cluster.equals(run.path("clusterId").asText())) {
                    return run.path("step").asText();
                }
            }
        }
        return "";
    }

    /** Whether a plan read by {@link #advance} has ended. */
    public static boolean ended(JsonNode plan) {
        return plan != null && TERMINAL.contains(plan.path("state").asText());
    }

    /** How many of the plan's clusters are at each step, e.g. {@code {INSTALLING=3, PENDING=10, SUCCEEDED=7}}. */
    public static Map<String, Integer> stepCounts(JsonNode plan) {
        Map<String, Integer> counts = new TreeMap<>();
        if (plan != null) {
            plan.path("clusters").forEach(c -> counts.merge(c.path("step").asText(), 1, Integer::sum));
        }
        return counts;
    }

    /** The inventory: every cluster the agents reported, by id. */
    public Map<String, JsonNode> clusters() throws ApiException {
        Map<String, JsonNode> all = new TreeMap<>();
        for (JsonNode cluster : orchestrator.get("/api/v1/clusters")) {
            all.put(cluster.path("clusterId").asText(), cluster);
        }
        return all;
    }

    /** Every audit entry of the plan, oldest first. */
    public List<JsonNode> audit(String planId) throws ApiException {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = orchestrator.get("/api/v1/audit?plan=" + planId + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("entries").forEach(entries::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        return entries;
    }

    /** The plan's CLUSTER_STEP entries, for {@link StepChains}. */
    public static List<StepChains.Step> steps(List<JsonNode> audit) {
        return audit.stream().filter(e -> "CLUSTER_STEP".equals(e.path("type").asText()))
                .map(e -> new StepChains.Step(e.path("seq").asLong(), e.path("clusterId").asText(),
                        e.path("from").asText(), e.path("to").asText()))
                .toList();
    }

    /** Audit entries by type. */
    public static Map<String, Integer> byType(List<JsonNode> audit) {
        Map<String, Integer> types = new TreeMap<>();
        audit.forEach(e -> types.merge(e.path("type").asText(), 1, Integer::sum));
        return types;
    }

    /** The whole trail's check (GET /api/v1/audit/verify). */
    public JsonNode verify() throws ApiException {
        return orchestrator.get("/api/v1/audit/verify");
    }

    /**
     * What is wrong with a cluster in fleet-sim, or null when its control plane is at {@code version} (as its agent
     * reports it) and every pod of its injected namespace runs, ready, with the {@code version} proxy.
     */
    public String notConverged(String cluster, String version, Map<String, JsonNode> inventory) {
        JsonNode seen = inventory.get(cluster);
        if (seen == null || !version.equals(seen.path("meshVersion").asText())) {
            return cluster + " reports mesh " + (seen == null ? "nothing" : seen.path("meshVersion").asText());
        }
        FleetSim fleet = stack.fleet();
        Map<String, Integer> proxies = new HashMap<>();
        int unready = 0;
        for (var pod : fleet.cluster(cluster).store().list(BuiltInResources.PODS, "shop").nodes()) {
            PodView view = PodView.of(pod);
            if (!view.active()) {
                continue;
            }
            proxies.merge(view.proxyVersion(), 1, Integer::sum);
            if (!view.ready()) {
                unready++;
            }
        }
        boolean allAtVersion = proxies.keySet().stream().allMatch(proxy -> proxy.startsWith(version));
        if (proxies.isEmpty() || !allAtVersion || unready > 0) {
            return cluster + " pods in shop by proxy " + proxies + ", " + unready + " not ready";
        }
        return null;
    }
}
