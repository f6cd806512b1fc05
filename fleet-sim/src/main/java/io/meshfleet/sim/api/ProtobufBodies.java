package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes the {@code application/vnd.kubernetes.protobuf} request bodies kubectl's typed clients send (kubectl 1.32
 * sends protobuf for {@code create namespace|configmap|secret}, {@code auth can-i} and {@code drain}'s evictions),
 * into the same JSON the store takes. Only the kinds listed in {@link #SCHEMAS} are understood; everything else is
 * answered 415 so the gap is visible rather than silent.
 */
final class ProtobufBodies {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /** How a field is encoded. */
    private enum Kind { STRING, BYTES, INT, BOOL, MESSAGE, STRING_MAP, BYTES_MAP, TIME, STRINGS, MESSAGES, INT_OR_STRING }

    /** One field of a message schema. */
    private record Field(String name, Kind kind, Map<Integer, Field> message) {
    }

    private static Field field(String name, Kind kind) {
        return new Field(name, kind, null);
    }

    private static Field message(String name, Map<Integer, Field> schema) {
        return new Field(name, Kind.MESSAGE, schema);
    }

    private static Field messages(String name, Map<Integer, Field> schema) {
        return new Field(name, Kind.MESSAGES, schema);
    }

    private static final Map<Integer, Field> OWNER_REFERENCE = Map.of(
            5, field("apiVersion", Kind.STRING), 1, field("kind", Kind.STRING), 3, field("name", Kind.STRING),
            4, field("uid", Kind.STRING), 6, field("controller", Kind.BOOL), 7, field("blockOwnerDeletion", Kind.BOOL));

    private static final Map<Integer, Field> OBJECT_META = Map.ofEntries(
            Map.entry(1, field("name", Kind.STRING)),
            Map.entry(2, field("generateName", Kind.STRING)),
            Map.entry(3, field("namespace", Kind.STRING)),
            Map.entry(5, field("uid", Kind.STRING)),
            Map.entry(6, field("resourceVersion", Kind.STRING)),
            Map.entry(7, field("generation", Kind.INT)),
            Map.entry(8, field("creationTimestamp", Kind.TIME)),
            Map.entry(9, field("deletionTimestamp", Kind.TIME)),
            Map.entry(10, field("deletionGracePeriodSeconds", Kind.INT)),
            Map.entry(11, field("labels", Kind.STRING_MAP)),
            Map.entry(12, field("annotations", Kind.STRING_MAP)),
            Map.entry(13, messages("ownerReferences", OWNER_REFERENCE)),
            Map.entry(14, field("finalizers", Kind.STRINGS)));

    private static final Map<Integer, Field> PRECONDITIONS = Map.of(
            1, field("uid", Kind.STRING), 2, field("resourceVersion", Kind.STRING));

    private static final Map<Integer, Field> DELETE_OPTIONS = Map.of(
            1, field("gracePeriodSeconds", Kind.INT), 2, message("preconditions", PRECONDITIONS),
            3, field("orphanDependents", Kind.BOOL), 4, field("propagationPolicy", Kind.STRING),
            5, field("dryRun", Kind.STRINGS));

    private static final Map<Integer, Field> RESOURCE_ATTRIBUTES = Map.of(
            1, field("namespace", Kind.STRING), 2, field("verb", Kind.STRING), 3, field("group", Kind.STRING),
            4, field("version", Kind.STRING), 5, field("resource", Kind.STRING),
            6, field("subresource", Kind.STRING), 7, field("name", Kind.STRING));

    private static final Map<Integer, Field> NON_RESOURCE_ATTRIBUTES = Map.of(
            1, field("path", Kind.STRING), 2, field("verb", Kind.STRING));

    private static final Map<Integer, Field> LABEL_SELECTOR = Map.of(
            1, field("matchLabels", Kind.STRING_MAP),
            2, messages("matchExpressions", Map.of(1, field("key", Kind.STRING), 2, field("operator", Kind.STRING),
                    3, field("values", Kind.STRINGS))));

    private static final Map<Integer, Field> POD_DISRUPTION_BUDGET_SPEC = Map.of(
            1, field("minAvailable", Kind.INT_OR_STRING), 2, message("selector", LABEL_SELECTOR),
            3, field("maxUnavailable", Kind.INT_OR_STRING), 4, field("unhealthyPodEvictionPolicy", Kind.STRING));

    /** Kind -> top-level schema. */
    private static final Map<String, Map<Integer, Field>> SCHEMAS = Map.of(
            "Namespace", Map.of(1, message("metadata", OBJECT_META),
                    2, message("spec", Map.of(1, field("finalizers", Kind.STRINGS)))),
            "ConfigMap", Map.of(1, message("metadata", OBJECT_META), 2, field("data", Kind.STRING_MAP),
                    3, field("binaryData", Kind.BYTES_MAP), 4, field("immutable", Kind.BOOL)),
            "Secret", Map.of(1, message("metadata", OBJECT_META), 2, field("data", Kind.BYTES_MAP),
                    3, field("type", Kind.STRING), 4, field("stringData", Kind.STRING_MAP),
                    5, field("immutable", Kind.BOOL)),
            "ServiceAccount", Map.of(1, message("metadata", OBJECT_META),
                    4, field("automountServiceAccountToken", Kind.BOOL)),
            "SelfSubjectAccessReview", Map.of(1, message("metadata", OBJECT_META),
                    2, message("spec", Map.of(1, message("resourceAttributes", RESOURCE_ATTRIBUTES),
                            2, message("nonResourceAttributes", NON_RESOURCE_ATTRIBUTES)))),
            "Eviction", Map.of(1, message("metadata", OBJECT_META), 2, message("deleteOptions", DELETE_OPTIONS)),
            "DeleteOptions", DELETE_OPTIONS,
            "PodDisruptionBudget", Map.of(1, message("metadata", OBJECT_META),
                    2, message("spec", POD_DISRUPTION_BUDGET_SPEC)));

    private ProtobufBodies() {
    }

    /** Whether a Content-Type names the Kubernetes protobuf encoding. */
    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf");
    }

    /** The JSON form of a protobuf-encoded object; 415 for kinds this simulation does not decode. */
    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length) {
            throw StoreException.badRequest("a protobuf body must start with the k8s\\0 prefix");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                throw StoreException.badRequest("a protobuf body must start with the k8s\\0 prefix");
            }
        }
        Reader unknown = new Reader(body, MAGIC.length, body.length);
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        while (unknown.more()) {
            int tag = unknown.varint32();
            int number = tag >>> 3;
            if (number == 1 && (tag & 7) == 2) {
                Reader typeMeta = unknown.sub();
                while (typeMeta.more()) {
                    int t = typeMeta.varint32();
                    if ((t >>> 3) == 1) {
                        apiVersion = typeMeta.string();
                    } else if ((t >>> 3) == 2) {
                        kind = typeMeta.string();
                    } else {
                        typeMeta.skip(t & 7);
                    }
                }
            } else if (number == 2 && (tag & 7) == 2) {
                raw = unknown.bytes();
            } else {
                unknown.skip(tag & 7);
            }
        }
        Map<Integer, Field> schema = SCHEMAS.get(kind);
        if (schema == null) {
            throw StoreException.unsupportedMediaType("the simulated API server decodes protobuf bodies only for "
                    + SCHEMAS.keySet() + ", not " + kind + "; send JSON (kubectl apply -f, fabric8)");
        }
        ObjectNode object = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        object.setAll(read(new Reader(raw, 0, raw.length), schema));
        return object;
    }

    private static ObjectNode read(Reader reader, Map<Integer, Field> schema) {
        ObjectNode node = Json.object();
        while (reader.more()) {
            int tag = reader.varint32();
            Field field = schema.get(tag >>> 3);
            if (field == null) {
                reader.skip(tag & 7);
                continue;
            }
            switch (field.kind()) {
                case STRING -> node.put(field.name(), reader.string());
                case BYTES -> node.put(field.name(), Base64.getEncoder().encodeToString(reader.bytes()));
                case INT -> node.put(field.name(), reader.varint());
                case BOOL -> node.put(field.name(), reader.varint() != 0);
                case MESSAGE -> node.set(field.name(), read(reader.sub(), field.message()));
                case MESSAGES -> array(node, field.name()).add(read(reader.sub(), field.message()));
                case STRINGS -> array(node, field.name()).add(reader.string());
                case STRING_MAP, BYTES_MAP -> {
                    Reader entry = reader.sub();
                    String key = "";
                    String value = "";
                    while (entry.more()) {
                        int t = entry.varint32();
                        if ((t >>> 3) == 1) {
                            key = entry.string();
                        } else if ((t >>> 3) == 2) {
                            value = field.kind() == Kind.BYTES_MAP
                                    ? Base64.getEncoder().encodeToString(entry.bytes()) : entry.string();
                        } else {
                            entry.skip(t & 7);
                        }
                    }
                    node.withObjectProperty(field.name()).put(key, value);
                }
                case TIME -> {
                    Reader time = reader.sub();
                    long seconds = 0;
                    while (time.more()) {
                        int t = time.varint32();
                        if ((t >>> 3) == 1) {
                            seconds = time.varint();
                        } else {
                            time.skip(t & 7);
                        }
                    }
                    node.put(field.name(), Instant.ofEpochSecond(seconds).toString());
                }
                case INT_OR_STRING -> {
                    // intstr.IntOrString: type 1 (0 int, 1 string), intVal 2, strVal 3.
                    Reader value = reader.sub();
                    long type = 0;
                    long intVal = 0;
                    String strVal = "";
                    while (value.more()) {
                        int t = value.varint32();
                        switch (t >>> 3) {
                            case 1 -> type = value.varint();
                            case 2 -> intVal = value.varint();
                            case 3 -> strVal = value.string();
                            default -> value.skip(t & 7);
                        }
                    }
                    if (type == 1) {
                        node.put(field.name(), strVal);
                    } else {
                        node.put(field.name(), (int) intVal);
                    }
                }
                default -> throw new IllegalStateException("unknown field kind " + field.kind());
            }
        }
        return node;
    }

    private static ArrayNode array(ObjectNode node, String name) {
        JsonNode existing = node.get(name);
        return existing instanceof ArrayNode a ? a : node.putArray(name);
    }

    /** Protocol-buffers wire-format reader over a byte range. */
    private static final class Reader {

        private final byte[] data;
        private int position;
        private final int end;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw StoreException.badRequest("truncated protobuf body");
                }
                byte b = data[position++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw StoreException.badRequest("malformed protobuf varint");
        }

        int varint32() {
            return (int) varint();
        }

        Reader sub() {
            int length = varint32();
            if (length < 0 || position + length > end) {
                throw StoreException.badRequest("truncated protobuf body");
            }
            Reader sub = new Reader(data, position, position + length);
            position += length;
            return sub;
        }

        byte[] bytes() {
            Reader sub = sub();
            byte[] copy = new byte[sub.end - sub.position];
            System.arraycopy(data, sub.position, copy, 0, copy.length);
            return copy;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> sub();
                case 5 -> position += 4;
                default -> throw StoreException.badRequest("unsupported protobuf wire type " + wireType);
            }
        }
    }
}
