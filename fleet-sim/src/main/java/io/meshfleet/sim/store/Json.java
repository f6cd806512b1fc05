package io.meshfleet.sim.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Comparator;

/** The one JSON (and YAML) codec of the simulated clusters: objects live as Jackson trees and compact bytes. */
public final class Json {

    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Compares numbers by value, so that {@code 1} as an int equals {@code 1} as a long after a patch. */
    static final Comparator<JsonNode> NUMERIC_AWARE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        }
        return 1;
    };

    private Json() {
    }

    /** A fresh empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A fresh empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses bytes that must hold one JSON object; a 400 {@link StoreException} otherwise. */
    public static ObjectNode parseObject(byte[] json) {
        JsonNode node = parse(json);
        if (!node.isObject()) {
            throw StoreException.badRequest("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Parses bytes holding any JSON value; a 400 {@link StoreException} when they are not JSON. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw StoreException.badRequest("the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw StoreException.badRequest("the body of the request was not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StoreException.badRequest("the body of the request could not be read: " + e.getMessage());
        }
    }

    /** Parses YAML (or JSON, which is YAML) holding one object, as server-side apply bodies are. */
    public static ObjectNode parseYamlObject(byte[] yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || !node.isObject()) {
                throw StoreException.badRequest("the apply body must be one YAML or JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw StoreException.badRequest("the body of the request was not valid YAML: " + e.getMessage());
        }
    }

    /** Compact UTF-8 bytes of a tree. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Writes any value (maps, lists, trees) as YAML. */
    public static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** Equality of two trees where numbers compare by value. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMERIC_AWARE, b);
    }

    /** The text at a dotted path ({@code status.phase}), or "" when any step is missing. */
    public static String textAt(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String step : dottedPath.split("\\.")) {
            if (node == null || !node.isObject()) {
                return "";
            }
            node = node.get(step);
        }
        if (node == null || node.isNull() || node.isContainerNode()) {
            return "";
        }
        return node.asText();
    }
}
