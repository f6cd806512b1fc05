package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of one object, immutable: compact JSON bytes plus the few fields the store indexes (labels, owners).
 * Bytes rather than trees keep a 50,000-pod fleet small and make list and watch responses a concatenation; label
 * keys and values and namespace names repeat across thousands of objects and are interned.
 */
public final class StoredObject {

    private final ResourceType type;
    private final String namespace;
    private final String name;
    private final String uid;
    private final long resourceVersion;
    private final Map<String, String> labels;
    private final List<String> ownerUids;
    private final boolean terminating;
    private final byte[] json;

    private StoredObject(ResourceType type, ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        this.type = type;
        this.namespace = type.namespaced() ? metadata.path("namespace").asText().intern() : null;
        this.name = metadata.path("name").asText();
        this.uid = metadata.path("uid").asText();
        this.resourceVersion = Long.parseLong(metadata.path("resourceVersion").asText("0"));
        this.labels = stringMap(metadata.path("labels"));
        this.ownerUids = owners(metadata.path("ownerReferences"));
        this.terminating = metadata.hasNonNull("deletionTimestamp");
        this.json = Json.bytes(object);
    }

    static StoredObject of(ResourceType type, ObjectNode object) {
        return new StoredObject(type, object);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey().intern(), e.getValue().asText().intern());
        }
        return Map.copyOf(map);
    }

    private static List<String> owners(JsonNode refs) {
        if (!refs.isArray() || refs.isEmpty()) {
            return List.of();
        }
        List<String> uids = new ArrayList<>();
        refs.forEach(ref -> uids.add(ref.path("uid").asText()));
        return List.copyOf(uids);
    }

    /** The resource type. */
    public ResourceType type() {
        return type;
    }

    /** The namespace, or null for cluster-scoped objects. */
    public String namespace() {
        return namespace;
    }

    /** {@code metadata.name}. */
    public String name() {
        return name;
    }

    /** {@code metadata.uid}. */
    public String uid() {
        return uid;
    }

    /** {@code metadata.resourceVersion} as a number. */
    public long resourceVersion() {
        return resourceVersion;
    }

    /** {@code metadata.labels} (never null). */
    public Map<String, String> labels() {
        return labels;
    }

    /** The uids of {@code metadata.ownerReferences}. */
    public List<String> ownerUids() {
        return ownerUids;
    }

    /** Whether {@code metadata.deletionTimestamp} is set. */
    public boolean terminating() {
        return terminating;
    }

    /** A fresh, mutable tree of the object; changing it changes nothing in the store. */
    public ObjectNode node() {
        return Json.parseObject(json);
    }

    /** A copy of the compact JSON bytes. */
    public byte[] json() {
        return json.clone();
    }

    /** The size of the JSON in bytes. */
    public int size() {
        return json.length;
    }

    @Override
    public String toString() {
        return type.groupResource() + " " + (namespace == null ? "" : namespace + "/") + name + "@" + resourceVersion;
    }
}
