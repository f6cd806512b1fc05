package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an IstioOperator asks of the installer, and whether the installer has taken it on: istioctl's
 * {@code meshfleet-install} carries a request id (answered in {@code status.observedRequestId}); any other operator
 * object is a request per generation (answered in {@code status.observedGeneration}), as an in-cluster operator
 * reconciles each change of its spec.
 *
 * @param operator the IstioOperator's name
 * @param key      the request id, or {@code generation-<n>}
 * @param byId     whether the key is istioctl's request id
 * @param spec     the requested spec
 */
record InstallRequest(String operator, String key, boolean byId, JsonNode spec) {

    private static final String GENERATION = "generation-";

    /** The request an IstioOperator carries now. */
    static InstallRequest of(JsonNode operator) {
        JsonNode meta = operator.path("metadata");
        String id = meta.path("annotations").path(Labels.REQUEST_ID).asText("");
        String name = meta.path("name").asText();
        if (!id.isEmpty()) {
            return new InstallRequest(name, id, true, operator.path("spec"));
        }
        return new InstallRequest(name, GENERATION + meta.path("generation").asLong(1), false, operator.path("spec"));
    }

    /** Whether the operator's status already answers this request. */
    boolean observedIn(JsonNode status) {
        if (byId) {
            return key.equals(status.path("observedRequestId").asText(""));
        }
        return key.equals(GENERATION + status.path("observedGeneration").asLong(0));
    }

    /** Writes that the status answers this request. */
    void markObserved(ObjectNode status) {
        if (byId) {
            status.put("observedRequestId", key);
        } else {
            status.put("observedGeneration", Long.parseLong(key.substring(GENERATION.length())));
        }
    }
}
