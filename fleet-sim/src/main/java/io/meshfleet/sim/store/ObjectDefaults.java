package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * What the API server does to a new object before storing it: defaults that clients and controllers rely on, and a
 * reset status (status is written through the status subresource, by controllers).
 */
final class ObjectDefaults {

    private ObjectDefaults() {
    }

    static void prepareForCreate(ResourceType type, ObjectNode object, Supplier<String> clusterIps) {
        String key = type.key();
        if (key.equals(BuiltInResources.PODS.key())) {
            ObjectNode spec = object.withObjectProperty("spec");
            putIfAbsent(spec, "restartPolicy", "Always");
            if (!spec.has("terminationGracePeriodSeconds")) {
                spec.put("terminationGracePeriodSeconds", 30);
            }
            putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
            putIfAbsent(spec, "schedulerName", "default-scheduler");
            defaultContainerPorts(spec);
            object.putObject("status").put("phase", "Pending");
            return;
        }
        if (key.equals(BuiltInResources.NAMESPACES.key())) {
            object.putObject("status").put("phase", "Active");
            return;
        }
        if (key.equals(BuiltInResources.SERVICES.key())) {
            ObjectNode spec = object.withObjectProperty("spec");
            putIfAbsent(spec, "type", "ClusterIP");
            putIfAbsent(spec, "sessionAffinity", "None");
            if (!spec.path("type").asText().equals("ExternalName") && !spec.has("clusterIP")) {
                String clusterIp = clusterIps.get();
                spec.put("clusterIP", clusterIp);
                spec.putArray("clusterIPs").add(clusterIp);
            }
            for (JsonNode port : spec.path("ports")) {
                if (port instanceof ObjectNode p) {
                    putIfAbsent(p, "protocol", "TCP");
                    if (!p.has("targetPort") && p.has("port")) {
                        p.set("targetPort", p.get("port"));
                    }
                }
            }
            object.putObject("status").putObject("loadBalancer");
            return;
        }
        if (key.equals(BuiltInResources.DEPLOYMENTS.key())) {
            ObjectNode spec = object.withObjectProperty("spec");
            if (!spec.has("replicas")) {
                spec.put("replicas", 1);
            }
            if (!spec.has("strategy")) {
                spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                        .put("maxUnavailable", "25%").put("maxSurge", "25%");
            }
            if (!spec.has("revisionHistoryLimit")) {
                spec.put("revisionHistoryLimit", 10);
            }
            if (!spec.has("progressDeadlineSeconds")) {
                spec.put("progressDeadlineSeconds", 600);
            }
        } else if (key.equals(BuiltInResources.REPLICA_SETS.key())
                || key.equals(BuiltInResources.STATEFUL_SETS.key())) {
            ObjectNode spec = object.withObjectProperty("spec");
            if (!spec.has("replicas")) {
                spec.put("replicas", 1);
            }
        }
        JsonNode template = object.path("spec").path("template").path("spec");
        if (template instanceof ObjectNode podSpec) {
            defaultContainerPorts(podSpec);
        }
        if (type.has(Subresource.STATUS)) {
            object.remove("status");
        }
    }

    private static void defaultContainerPorts(ObjectNode podSpec) {
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : podSpec.path(list)) {
                for (JsonNode port : container.path("ports")) {
                    if (port instanceof ObjectNode p) {
                        putIfAbsent(p, "protocol", "TCP");
                    }
                }
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }
}
