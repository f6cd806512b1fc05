package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DAEMON_SETS;
import static io.meshfleet.sim.store.BuiltInResources.JOBS;
import static io.meshfleet.sim.store.BuiltInResources.STATEFUL_SETS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.AdmissionHook;
import io.meshfleet.sim.store.AdmissionRequest;

/**
 * The API server's defaults for StatefulSets, DaemonSets and Jobs, which the store does not apply: without
 * {@code updateStrategy.type: RollingUpdate} the real {@code kubectl rollout status} refuses StatefulSets and
 * DaemonSets. Applied as an admission hook on create.
 */
final class WorkloadDefaults implements AdmissionHook {

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || request.subresource() != null) {
            return;
        }
        String key = request.resource().key();
        ObjectNode spec = request.object().withObjectProperty("spec");
        if (key.equals(STATEFUL_SETS.key())) {
            ObjectNode strategy = spec.withObjectProperty("updateStrategy");
            if (!strategy.has("type")) {
                strategy.put("type", "RollingUpdate");
            }
            if (strategy.path("type").asText().equals("RollingUpdate") && !strategy.has("rollingUpdate")) {
                strategy.putObject("rollingUpdate").put("partition", 0);
            }
            putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
            if (!spec.has("revisionHistoryLimit")) {
                spec.put("revisionHistoryLimit", 10);
            }
        } else if (key.equals(DAEMON_SETS.key())) {
            ObjectNode strategy = spec.withObjectProperty("updateStrategy");
            if (!strategy.has("type")) {
                strategy.put("type", "RollingUpdate");
            }
            if (strategy.path("type").asText().equals("RollingUpdate") && !strategy.has("rollingUpdate")) {
                strategy.putObject("rollingUpdate").put("maxUnavailable", 1).put("maxSurge", 0);
            }
            if (!spec.has("revisionHistoryLimit")) {
                spec.put("revisionHistoryLimit", 10);
            }
        } else if (key.equals(JOBS.key())) {
            if (!spec.has("parallelism")) {
                spec.put("parallelism", 1);
            }
            if (!spec.has("completions")) {
                spec.put("completions", 1);
            }
            if (!spec.has("backoffLimit")) {
                spec.put("backoffLimit", 6);
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }
}
