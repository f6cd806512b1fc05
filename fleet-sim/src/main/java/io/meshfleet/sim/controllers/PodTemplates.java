package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import java.util.Map;

/** Turns a workload's pod template into a pod, as every workload controller does. */
final class PodTemplates {

    private PodTemplates() {
    }

    /**
     * A pod from {@code template}: its labels and annotations plus {@code extraLabels}, its spec, owned by
     * {@code owner}. Exactly one of {@code name} and {@code generateName} is used (name wins when set).
     */
    static ObjectNode pod(JsonNode template, String namespace, String name, String generateName, OwnerRef owner,
                          Map<String, String> extraLabels) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        if (name != null) {
            meta.put("name", name);
        } else {
            meta.put("generateName", generateName);
        }
        meta.put("namespace", namespace);
        JsonNode templateMeta = template.path("metadata");
        ObjectNode labels = meta.putObject("labels");
        if (templateMeta.path("labels").isObject()) {
            labels.setAll((ObjectNode) templateMeta.path("labels").deepCopy());
        }
        extraLabels.forEach(labels::put);
        if (templateMeta.path("annotations").isObject() && !templateMeta.path("annotations").isEmpty()) {
            meta.set("annotations", templateMeta.path("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").add(owner.toJson());
        JsonNode spec = template.path("spec");
        pod.set("spec", spec.isObject() ? spec.deepCopy() : Json.object());
        return pod;
    }

    /** A template's label map, as the selector Deployments and friends match on. */
    static ObjectNode labels(JsonNode template) {
        JsonNode labels = template.path("metadata").path("labels");
        return labels.isObject() ? ((ObjectNode) labels).deepCopy() : Json.object();
    }
}
