package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ResourceTable;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.Subresource;
import java.util.List;

/**
 * The discovery documents kubectl and fabric8 read to map kinds and short names to URLs, derived from the resource
 * table: {@code /version}, {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>},
 * {@code /apis/<group>/<version>}. Aggregated discovery is not offered; clients fall back to these.
 */
final class Discovery {

    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private Discovery() {
    }

    static ObjectNode version(String gitVersion) {
        String[] parts = gitVersion.replaceFirst("^v", "").split("[.-]");
        return Json.object()
                .put("major", parts[0])
                .put("minor", parts.length > 1 ? parts[1] : "0")
                .put("gitVersion", gitVersion)
                .put("gitCommit", "0000000000000000000000000000000000000000")
                .put("gitTreeState", "clean")
                .put("buildDate", "2025-01-01T00:00:00Z")
                .put("goVersion", "go1.23.6")
                .put("compiler", "gc")
                .put("platform", "linux/amd64");
    }

    static ObjectNode coreVersions(String serverAddress) {
        ObjectNode doc = Json.object().put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return doc;
    }

    static ObjectNode groupList(ResourceTable table) {
        ObjectNode doc = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (String group : table.groups()) {
            groups.add(groupBody(table, group));
        }
        return doc;
    }

    static ObjectNode group(ResourceTable table, String group) {
        ObjectNode doc = Json.object().put("kind", "APIGroup").put("apiVersion", "v1");
        doc.setAll(groupBody(table, group));
        return doc;
    }

    private static ObjectNode groupBody(ResourceTable table, String group) {
        ObjectNode body = Json.object().put("name", group);
        ArrayNode versions = body.putArray("versions");
        List<String> served = table.versions(group);
        for (String version : served) {
            versions.addObject().put("groupVersion", group + "/" + version).put("version", version);
        }
        body.putObject("preferredVersion").put("groupVersion", group + "/" + served.get(0))
                .put("version", served.get(0));
        return body;
    }

    static ObjectNode resourceList(ResourceTable table, String apiVersion) {
        ObjectNode doc = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", apiVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType type : table.typesOf(apiVersion)) {
            ObjectNode resource = resources.addObject()
                    .put("name", type.plural())
                    .put("singularName", type.singular())
                    .put("namespaced", type.namespaced())
                    .put("kind", type.kind());
            strings(resource.putArray("verbs"), type.verbs());
            if (!type.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(resource.putArray("categories"), type.categories());
            }
            for (Subresource subresource : Subresource.values()) {
                if (!type.has(subresource)) {
                    continue;
                }
                ObjectNode sub = resources.addObject()
                        .put("name", type.plural() + "/" + subresource.path())
                        .put("singularName", "")
                        .put("namespaced", type.namespaced());
                switch (subresource) {
                    case STATUS -> {
                        sub.put("kind", type.kind());
                        strings(sub.putArray("verbs"), SUBRESOURCE_VERBS);
                    }
                    case SCALE -> {
                        sub.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
                        strings(sub.putArray("verbs"), SUBRESOURCE_VERBS);
                    }
                    case EVICTION -> {
                        sub.put("group", "policy").put("version", "v1").put("kind", "Eviction");
                        strings(sub.putArray("verbs"), List.of("create"));
                    }
                    default -> throw new IllegalStateException("unknown subresource " + subresource);
                }
            }
        }
        return doc;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
