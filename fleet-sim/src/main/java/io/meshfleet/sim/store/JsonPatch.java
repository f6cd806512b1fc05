package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over Jackson trees. */
public final class JsonPatch {

    private JsonPatch() {
    }

    /** Applies the operations to a copy of the document; a {@link PatchException} when one cannot apply. */
    public static JsonNode apply(JsonNode document, JsonNode operations) {
        if (!operations.isArray()) {
            throw new PatchException("a JSON patch must be an array of operations");
        }
        JsonNode doc = document.deepCopy();
        for (JsonNode op : operations) {
            doc = applyOne(doc, op);
        }
        return doc;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op) {
        String name = op.path("op").asText();
        if (!op.has("path")) {
            throw new PatchException("operation " + name + " has no path");
        }
        List<String> path = pointer(op.path("path").asText());
        switch (name) {
            case "add" -> {
                return add(doc, path, value(op));
            }
            case "remove" -> {
                remove(doc, path);
                return doc;
            }
            case "replace" -> {
                if (path.isEmpty()) {
                    return value(op).deepCopy();
                }
                get(doc, path);
                remove(doc, path);
                return add(doc, path, value(op));
            }
            case "move" -> {
                List<String> from = pointer(op.path("from").asText());
                JsonNode moved = get(doc, from);
                remove(doc, from);
                return add(doc, path, moved);
            }
            case "copy" -> {
                JsonNode copied = get(doc, pointer(op.path("from").asText())).deepCopy();
                return add(doc, path, copied);
            }
            case "test" -> {
                if (!Json.same(get(doc, path), value(op))) {
                    throw new PatchException("testing value " + op.path("path").asText() + " failed");
                }
                return doc;
            }
            default -> throw new PatchException("unexpected kind of operation: \"" + name + "\"");
        }
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw new PatchException("operation " + op.path("op").asText() + " has no value");
        }
        return op.get("value").deepCopy();
    }

    /** Splits an RFC 6901 pointer into unescaped reference tokens. */
    static List<String> pointer(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (!pointer.startsWith("/")) {
            throw new PatchException("JSON pointer must start with '/': " + pointer);
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode get(JsonNode doc, List<String> path) {
        JsonNode node = doc;
        for (String token : path) {
            node = child(node, token);
            if (node == null) {
                throw new PatchException("doc is missing path: /" + String.join("/", path));
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node.isObject()) {
            return node.get(token);
        }
        if (node.isArray()) {
            int index = index(token, node.size() - 1);
            return node.get(index);
        }
        return null;
    }

    private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = get(doc, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (last.equals("-")) {
                array.add(value);
            } else {
                array.insert(index(last, array.size()), value);
            }
        } else {
            throw new PatchException("cannot add to a scalar at /" + String.join("/", path));
        }
        return doc;
    }

    private static void remove(JsonNode doc, List<String> path) {
        if (path.isEmpty()) {
            throw new PatchException("cannot remove the whole document");
        }
        JsonNode parent = get(doc, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent.isObject() && parent.has(last)) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(last, parent.size() - 1));
        } else {
            throw new PatchException("unable to remove nonexistent key: " + last);
        }
    }

    private static int index(String token, int max) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0 || index > max) {
                throw new PatchException("array index out of bounds: " + token);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new PatchException("not an array index: " + token);
        }
    }
}
