package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ResourceType;

/**
 * A controller owner reference ({@code metadata.ownerReferences[]} with {@code controller: true}).
 *
 * @param apiVersion the owner's API version
 * @param kind       the owner's kind
 * @param name       the owner's name
 * @param uid        the owner's uid
 */
public record OwnerRef(String apiVersion, String kind, String name, String uid) {

    /** A reference to an object of the given type. */
    public static OwnerRef to(ResourceType type, JsonNode owner) {
        JsonNode meta = owner.path("metadata");
        return new OwnerRef(type.apiVersion(), type.kind(), meta.path("name").asText(), meta.path("uid").asText());
    }

    /** The object's controller, or null. */
    public static OwnerRef controllerOf(JsonNode object) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return new OwnerRef(ref.path("apiVersion").asText(), ref.path("kind").asText(),
                        ref.path("name").asText(), ref.path("uid").asText());
            }
        }
        return null;
    }

    /** The JSON of the reference, as controllers write it (blocking foreground deletion of the owner). */
    public ObjectNode toJson() {
        return Json.object().put("apiVersion", apiVersion).put("kind", kind).put("name", name).put("uid", uid)
                .put("controller", true).put("blockOwnerDeletion", true);
    }
}
