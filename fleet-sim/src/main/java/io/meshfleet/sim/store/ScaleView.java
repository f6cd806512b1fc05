package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/** The {@code autoscaling/v1 Scale} view of a workload's {@code spec.replicas} (what {@code kubectl scale} edits). */
final class ScaleView {

    private ScaleView() {
    }

    static ObjectNode of(ObjectNode workload) {
        ObjectNode scale = Json.object().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        JsonNode meta = workload.path("metadata");
        ObjectNode scaleMeta = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (meta.has(field)) {
                scaleMeta.set(field, meta.get(field));
            }
        }
        scale.putObject("spec").put("replicas", workload.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject("status").put("replicas",
                workload.path("status").path("replicas").asInt(0));
        String selector = selector(workload.path("spec").path("selector"));
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    private static String selector(JsonNode selector) {
        StringJoiner joiner = new StringJoiner(",");
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            joiner.add(e.getKey() + "=" + e.getValue().asText());
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            StringJoiner values = new StringJoiner(",", "(", ")");
            expression.path("values").forEach(v -> values.add(v.asText()));
            String key = expression.path("key").asText();
            switch (expression.path("operator").asText()) {
                case "In" -> joiner.add(key + " in " + values);
                case "NotIn" -> joiner.add(key + " notin " + values);
                case "Exists" -> joiner.add(key);
                case "DoesNotExist" -> joiner.add("!" + key);
                default -> { }
            }
        }
        return joiner.toString();
    }

    /** The workload with the replicas of the scale applied. */
    static ObjectNode applyTo(ObjectNode workload, JsonNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
            throw StoreException.of(StatusReason.INVALID, "Scale is invalid: spec.replicas must be >= 0");
        }
        ObjectNode next = workload.deepCopy();
        next.withObjectProperty("spec").put("replicas", replicas.asInt());
        String rv = scale.path("metadata").path("resourceVersion").asText("");
        ObjectNode meta = next.withObjectProperty("metadata");
        if (rv.isEmpty()) {
            meta.remove("resourceVersion");
        } else {
            meta.put("resourceVersion", rv);
        }
        return next;
    }
}
