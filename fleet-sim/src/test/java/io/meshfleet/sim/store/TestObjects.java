package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builders of the few objects the store tests need. */
public final class TestObjects {

    private TestObjects() {
    }

    /** A namespace. */
    public static ObjectNode namespace(String name) {
        ObjectNode ns = Json.object();
        ns.putObject("metadata").put("name", name);
        return ns;
    }

    /** A pod with containers of the given names, labelled. */
    public static ObjectNode pod(String name, Map<String, String> labels, String... containers) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name);
        ObjectNode labelNode = meta.putObject("labels");
        labels.forEach(labelNode::put);
        ArrayNode list = pod.putObject("spec").putArray("containers");
        for (String container : containers) {
            list.addObject().put("name", container).put("image", container + ":1");
        }
        return pod;
    }

    /** A Deployment selecting app=name with the given replicas. */
    public static ObjectNode deployment(String name, int replicas) {
        ObjectNode d = Json.object().put("apiVersion", "apps/v1").put("kind", "Deployment");
        d.putObject("metadata").put("name", name).putObject("labels").put("app", name);
        ObjectNode spec = d.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        template.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", "app:1");
        return d;
    }

    /** Marks a pod Running with all containers ready (or none), as a kubelet would. */
    public static void running(ObjectNode pod, boolean ready) {
        ObjectNode status = pod.putObject("status").put("phase", "Running");
        ArrayNode statuses = status.putArray("containerStatuses");
        for (var container : pod.path("spec").path("containers")) {
            ObjectNode s = statuses.addObject().put("name", container.path("name").asText()).put("ready", ready)
                    .put("restartCount", 0);
            s.putObject("state").putObject("running").put("startedAt", "2025-01-01T00:00:00Z");
        }
        status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False");
    }

    /** An owner reference to the object. */
    public static ObjectNode ownerReference(ObjectNode owner) {
        return Json.object()
                .put("apiVersion", owner.path("apiVersion").asText())
                .put("kind", owner.path("kind").asText())
                .put("name", owner.path("metadata").path("name").asText())
                .put("uid", owner.path("metadata").path("uid").asText())
                .put("controller", true);
    }
}
