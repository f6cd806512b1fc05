package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch, driven by field names rather than Go struct tags: maps merge (null removes),
 * lists of named things ({@code containers}, {@code env}, {@code volumes}, {@code ports}, {@code conditions}...)
 * merge element by element on their merge key, other lists replace. Understands the directives {@code $patch}
 * (merge, replace, delete), {@code $retainKeys}, {@code $deleteFromPrimitiveList/} and {@code $setElementOrder/}
 * that {@code kubectl apply}, {@code rollout restart}, {@code label} and {@code annotate} send.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";
    private static final String ELEMENT_ORDER = "$setElementOrder/";

    /** Field name -> merge key, as the Kubernetes API types declare {@code patchMergeKey}. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"),
            Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"),
            Map.entry("volumes", "name"),
            Map.entry("env", "name"),
            Map.entry("imagePullSecrets", "name"),
            Map.entry("resourceClaims", "name"),
            Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"),
            Map.entry("conditions", "type"),
            Map.entry("ownerReferences", "uid"),
            Map.entry("hostAliases", "ip"),
            Map.entry("podIPs", "ip"),
            Map.entry("hostIPs", "ip"),
            Map.entry("taints", "key"),
            Map.entry("addresses", "type"),
            Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("readinessGates", "conditionType"));

    /** Lists of scalars whose patch strategy is merge (set union) rather than replace. */
    private static final Set<String> MERGED_SCALAR_LISTS = Set.of("finalizers");

    private StrategicMergePatch() {
    }

    /** Applies the patch to a copy of the target object. */
    public static ObjectNode apply(ObjectNode target, JsonNode patch) {
        if (!patch.isObject()) {
            throw new PatchException("a strategic merge patch must be a JSON object");
        }
        JsonNode result = mergeMap(target.deepCopy(), (ObjectNode) patch);
        return result == null ? Json.object() : (ObjectNode) result;
    }

    /** Merges patch into target (mutated); returns null when the patch deletes the map. */
    private static JsonNode mergeMap(ObjectNode target, ObjectNode patch) {
        String directive = patch.path(PATCH).asText("merge");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            return clean(patch);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(ELEMENT_ORDER)) {
                continue;
            }
            if (key.startsWith(DELETE_FROM)) {
                deleteFromPrimitiveList(target, key.substring(DELETE_FROM.length()), value);
                continue;
            }
            if (value.isNull()) {
                target.remove(key);
                continue;
            }
            JsonNode current = target.get(key);
            if (value.isObject() && current != null && current.isObject()) {
                JsonNode merged = mergeMap((ObjectNode) current, (ObjectNode) value);
                if (merged == null) {
                    target.remove(key);
                } else {
                    target.set(key, merged);
                }
            } else if (value.isObject()) {
                JsonNode created = mergeMap(Json.object(), (ObjectNode) value);
                if (created != null) {
                    target.set(key, created);
                }
            } else if (value.isArray()) {
                target.set(key, mergeList(key, current, (ArrayNode) value));
            } else {
                target.set(key, value.deepCopy());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(ELEMENT_ORDER)) {
                order(target, e.getKey().substring(ELEMENT_ORDER.length()), e.getValue());
            }
        }
        if (patch.has(RETAIN_KEYS)) {
            Set<String> retain = new HashSet<>();
            patch.get(RETAIN_KEYS).forEach(k -> retain.add(k.asText()));
            target.retain(retain);
        }
        return target;
    }

    private static JsonNode mergeList(String field, JsonNode current, ArrayNode patch) {
        boolean replace = false;
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : patch) {
            if (item.isObject() && item.size() == 1 && item.path(PATCH).asText().equals("replace")) {
                replace = true;
            } else {
                items.add(item);
            }
        }
        ArrayNode base = current != null && current.isArray() && !replace ? (ArrayNode) current : Json.array();
        if (replace) {
            items.forEach(i -> base.add(clean(i)));
            return base;
        }
        String mergeKey = mergeKey(field, base, items);
        if (mergeKey != null) {
            return mergeKeyedList(base, items, mergeKey);
        }
        if (MERGED_SCALAR_LISTS.contains(field)) {
            for (JsonNode item : items) {
                if (!contains(base, item)) {
                    base.add(item.deepCopy());
                }
            }
            return base;
        }
        ArrayNode replaced = Json.array();
        items.forEach(i -> replaced.add(clean(i)));
        return replaced;
    }

    private static String mergeKey(String field, ArrayNode base, List<JsonNode> items) {
        if (field.equals("ports")) {
            for (JsonNode item : items) {
                if (item.has("containerPort")) {
                    return "containerPort";
                }
            }
            for (JsonNode item : base) {
                if (item.has("containerPort")) {
                    return "containerPort";
                }
            }
            return "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static ArrayNode mergeKeyedList(ArrayNode base, List<JsonNode> items, String mergeKey) {
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw new PatchException("list items merged by " + mergeKey + " must be objects");
            }
            JsonNode key = item.get(mergeKey);
            int at = indexOf(base, mergeKey, key);
            if (item.path(PATCH).asText().equals("delete")) {
                if (at >= 0) {
                    base.remove(at);
                }
            } else if (at >= 0) {
                JsonNode merged = mergeMap((ObjectNode) base.get(at), (ObjectNode) item);
                if (merged == null) {
                    base.remove(at);
                } else {
                    base.set(at, merged);
                }
            } else {
                JsonNode created = mergeMap(Json.object(), (ObjectNode) item);
                if (created != null) {
                    base.add(created);
                }
            }
        }
        return base;
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (Json.same(list.get(i).get(mergeKey), key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (Json.same(item, value)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteFromPrimitiveList(ObjectNode target, String field, JsonNode values) {
        JsonNode current = target.get(field);
        if (current == null || !current.isArray()) {
            return;
        }
        ArrayNode kept = Json.array();
        for (JsonNode item : current) {
            if (!contains((ArrayNode) values, item)) {
                kept.add(item);
            }
        }
        target.set(field, kept);
    }

    /** Reorders target[field] to follow the order given by {@code $setElementOrder}; unlisted items go last. */
    private static void order(ObjectNode target, String field, JsonNode order) {
        JsonNode current = target.get(field);
        if (current == null || !current.isArray() || !order.isArray()) {
            return;
        }
        ArrayNode list = (ArrayNode) current;
        ArrayNode sorted = Json.array();
        boolean[] taken = new boolean[list.size()];
        for (JsonNode wanted : order) {
            for (int i = 0; i < list.size(); i++) {
                if (!taken[i] && sameElement(list.get(i), wanted)) {
                    taken[i] = true;
                    sorted.add(list.get(i));
                    break;
                }
            }
        }
        for (int i = 0; i < list.size(); i++) {
            if (!taken[i]) {
                sorted.add(list.get(i));
            }
        }
        target.set(field, sorted);
    }

    private static boolean sameElement(JsonNode item, JsonNode wanted) {
        if (!wanted.isObject()) {
            return Json.same(item, wanted);
        }
        if (!item.isObject() || wanted.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Json.same(item.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A copy without patch directives, for values inserted as they are. */
    private static JsonNode clean(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(DELETE_FROM)
                        || key.startsWith(ELEMENT_ORDER)) {
                    continue;
                }
                copy.set(key, clean(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.array();
            node.forEach(item -> copy.add(clean(item)));
            return copy;
        }
        return node.deepCopy();
    }
}
