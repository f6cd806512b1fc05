package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ResourceTable;
import io.meshfleet.sim.store.ResourceType;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A deliberately thin {@code /openapi/v3}: one document per group version listing each resource's create and patch
 * operations with the {@code fieldValidation} query parameter and no schemas. It exists so that kubectl's default
 * {@code --validate=strict} finds server-side field validation and does not need to download schemas; kubectl then
 * builds strategic merge patches from its compiled-in types, as it does whenever a schema is missing.
 */
final class OpenApiV3 {

    private OpenApiV3() {
    }

    /** {@code /openapi/v3}: the group versions and where their documents are. */
    static ObjectNode root(ResourceTable table, String clusterPrefix) {
        ObjectNode root = Json.object();
        ObjectNode paths = root.putObject("paths");
        String hash = Integer.toHexString(table.types().hashCode());
        for (String apiVersion : apiVersions(table)) {
            String path = apiVersion.contains("/") ? "apis/" + apiVersion : "api/" + apiVersion;
            paths.putObject(path).put("serverRelativeURL", clusterPrefix + "/openapi/v3/" + path + "?hash=" + hash);
        }
        return root;
    }

    /** {@code /openapi/v3/apis/<group>/<version>}. */
    static ObjectNode groupVersion(ResourceTable table, String apiVersion) {
        ObjectNode doc = Json.object().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes (meshfleet simulation)").put("version", apiVersion);
        ObjectNode paths = doc.putObject("paths");
        String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        for (ResourceType type : table.typesOf(apiVersion)) {
            String collection = base + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            if (type.allows("create")) {
                paths.putObject(collection).set("post", operation(type, "post"));
            }
            if (type.allows("patch")) {
                paths.putObject(collection + "/{name}").set("patch", operation(type, "patch"));
            }
        }
        doc.putObject("components").putObject("schemas");
        return doc;
    }

    private static ObjectNode operation(ResourceType type, String action) {
        ObjectNode op = Json.object().put("operationId", action + type.kind());
        ArrayNode parameters = op.putArray("parameters");
        parameters.addObject().put("name", "fieldValidation").put("in", "query")
                .putObject("schema").put("type", "string");
        parameters.addObject().put("name", "fieldManager").put("in", "query")
                .putObject("schema").put("type", "string");
        parameters.addObject().put("name", "dryRun").put("in", "query")
                .putObject("schema").put("type", "string");
        op.putObject("responses").putObject("200").put("description", "OK");
        op.put("x-kubernetes-action", action);
        op.putObject("x-kubernetes-group-version-kind").put("group", type.group()).put("kind", type.kind())
                .put("version", type.version());
        return op;
    }

    static Set<String> apiVersions(ResourceTable table) {
        Set<String> versions = new LinkedHashSet<>();
        table.types().forEach(t -> versions.add(t.apiVersion()));
        return versions;
    }
}
