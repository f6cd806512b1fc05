package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code pod-template-hash} of a pod template, in the shape the real controller gives it: FNV-1a (32 bit) of the
 * template, printed as a decimal and mapped onto Kubernetes' "safe" alphabet (no vowels, no look-alike digits). The
 * template is hashed with its keys sorted and without null or empty fields, so a patch that only reorders fields or
 * spells "nothing" differently does not start a rollout.
 */
final class PodTemplateHash {

    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplateHash() {
    }

    /** The hash of a pod template, ignoring its own {@code pod-template-hash} label. */
    static String of(JsonNode template, int collisionCount) {
        int[] hash = {FNV_OFFSET};
        feed(hash, template, true);
        if (collisionCount > 0) {
            feed(hash, "#" + collisionCount);
        }
        return safeEncode(Integer.toUnsignedString(hash[0]));
    }

    /** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString. */
    static String safeEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.append(SAFE_ALPHABET.charAt(text.charAt(i) % SAFE_ALPHABET.length()));
        }
        return out.toString();
    }

    private static void feed(int[] hash, JsonNode node, boolean templateRoot) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            feed(hash, "{");
            for (String name : names) {
                JsonNode value = node.get(name);
                if (templateRoot && name.equals("metadata")) {
                    value = withoutHashLabel(value);
                }
                if (absent(value)) {
                    continue;
                }
                feed(hash, name);
                feed(hash, ":");
                feed(hash, value, false);
                feed(hash, ",");
            }
            feed(hash, "}");
        } else if (node.isArray()) {
            feed(hash, "[");
            for (JsonNode item : node) {
                feed(hash, item, false);
                feed(hash, ",");
            }
            feed(hash, "]");
        } else if (node.isNull() || node.isMissingNode()) {
            feed(hash, "null");
        } else {
            feed(hash, node.isTextual() ? "\"" + node.asText() + "\"" : node.asText());
        }
    }

    /**
     * Null and empty values hash as if missing: upstream hashes the Go struct, where they are the same, and kubectl
     * (rollout undo) writes templates with {@code creationTimestamp: null} and {@code resources: {}}.
     */
    private static boolean absent(JsonNode value) {
        return value.isNull() || value.isMissingNode() || (value.isContainerNode() && value.isEmpty());
    }

    private static JsonNode withoutHashLabel(JsonNode metadata) {
        if (!metadata.path("labels").has(Labels.POD_TEMPLATE_HASH)) {
            return metadata;
        }
        JsonNode copy = metadata.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("labels")).remove(Labels.POD_TEMPLATE_HASH);
        return copy;
    }

    private static void feed(int[] hash, String text) {
        int h = hash[0];
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        hash[0] = h;
    }
}
