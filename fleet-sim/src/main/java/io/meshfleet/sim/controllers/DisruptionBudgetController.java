package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DisruptionBudget;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.LabelSelector;
import io.meshfleet.sim.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The disruption controller: keeps a PodDisruptionBudget's {@code status} (observedGeneration, expectedPods,
 * currentHealthy, desiredHealthy, disruptionsAllowed and the {@code DisruptionAllowed} condition) in line with the
 * non-terminating pods its selector matches, computed by {@link DisruptionBudget} exactly as evictions judge it.
 * Woken by a change of the budget and by every pod change in its namespace.
 */
final class DisruptionBudgetController {

    private final ClusterStore store;
    private final Scheduler scheduler;

    DisruptionBudgetController(ClusterStore store, Scheduler scheduler) {
        this.store = store;
        this.scheduler = scheduler;
    }

    /** The budgets of a namespace, which a pod change there may concern. */
    List<String> budgetsIn(String namespace) {
        List<String> names = new ArrayList<>();
        for (StoredObject pdb : store.list(POD_DISRUPTION_BUDGETS, namespace).items()) {
            names.add(pdb.name());
        }
        return names;
    }

    void reconcile(String namespace, String name) {
        Optional<StoredObject> stored = store.find(POD_DISRUPTION_BUDGETS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            return;
        }
        ObjectNode pdb = stored.get().node();
        LabelSelector selector = LabelSelector.fromObject(pdb.path("spec").get("selector"));
        List<JsonNode> selected = new ArrayList<>();
        for (StoredObject pod : store.list(PODS, namespace).items()) {
            if (!pod.terminating() && selector.matches(pod.labels())) {
                selected.add(pod.node());
            }
        }
        DisruptionBudget budget = DisruptionBudget.evaluate(pdb, selected);
        JsonNode old = pdb.path("status");
        ObjectNode status = Json.object();
        status.put("observedGeneration", pdb.path("metadata").path("generation").asLong(1));
        status.put("disruptionsAllowed", budget.disruptionsAllowed());
        status.put("currentHealthy", budget.currentHealthy());
        status.put("desiredHealthy", budget.desiredHealthy());
        status.put("expectedPods", budget.expectedPods());
        boolean allowed = budget.disruptionsAllowed() > 0;
        String reason = allowed ? "SufficientPods" : "InsufficientPods";
        JsonNode previous = old.path("conditions").path(0);
        String since = previous.path("reason").asText().equals(reason)
                ? previous.path("lastTransitionTime").asText()
                : ClusterStore.timestamp(Instant.now(scheduler.clock()));
        status.putArray("conditions").addObject()
                .put("type", "DisruptionAllowed")
                .put("status", allowed ? "True" : "False")
                .put("reason", reason)
                .put("message", "")
                .put("observedGeneration", pdb.path("metadata").path("generation").asLong(1))
                .put("lastTransitionTime", since);
        if (Json.same(status, old)) {
            return;
        }
        store.editStatus(POD_DISRUPTION_BUDGETS, namespace, name, node -> node.set("status", status));
    }
}
