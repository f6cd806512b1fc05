package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What controllers need to know about a pod, read once from its JSON: small enough to cache for every pod of a fleet
 * ({@link PodViews}), so that a pod change is parsed once however many controllers look at it.
 *
 * @param namespace       its namespace
 * @param name            its name
 * @param uid             its uid
 * @param resourceVersion the version read
 * @param phase           {@code status.phase}
 * @param terminating     whether a deletion is in progress
 * @param ready           condition Ready is True
 * @param created         its creation time (second precision)
 * @param controller      its controller, or null for a bare pod
 * @param nodeName        the node it is bound to, or ""
 * @param labels          its labels
 * @param images          container name to image ({@code spec.containers}, not init containers)
 * @param containers      {@code status.containerStatuses}, in order
 */
public record PodView(String namespace, String name, String uid, long resourceVersion, String phase,
                      boolean terminating, boolean ready, Instant created, OwnerRef controller, String nodeName,
                      Map<String, String> labels, Map<String, String> images, List<ContainerState> containers) {

    /**
     * One container's status.
     *
     * @param name         the container
     * @param ready        {@code ready}
     * @param running      {@code state.running} is set
     * @param crashLooping {@code state.waiting.reason} is CrashLoopBackOff
     * @param restartCount {@code restartCount}
     */
    public record ContainerState(String name, boolean ready, boolean running, boolean crashLooping,
                                 int restartCount) {
    }

    /** Reads a pod. */
    public static PodView of(ObjectNode pod) {
        JsonNode meta = pod.path("metadata");
        Instant created;
        try {
            created = Instant.parse(meta.path("creationTimestamp").asText("1970-01-01T00:00:00Z"));
        } catch (DateTimeParseException e) {
            created = Instant.EPOCH;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        meta.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> images = new LinkedHashMap<>();
        for (JsonNode c : pod.path("spec").path("containers")) {
            images.put(c.path("name").asText(), c.path("image").asText(""));
        }
        List<ContainerState> containers = new ArrayList<>();
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            JsonNode state = s.path("state");
            containers.add(new ContainerState(s.path("name").asText(), s.path("ready").asBoolean(false),
                    state.has("running"), state.path("waiting").path("reason").asText().equals("CrashLoopBackOff"),
                    s.path("restartCount").asInt(0)));
        }
        long version;
        try {
            version = Long.parseLong(meta.path("resourceVersion").asText("0"));
        } catch (NumberFormatException e) {
            version = 0;
        }
        return new PodView(meta.path("namespace").asText(), meta.path("name").asText(), meta.path("uid").asText(),
                version, pod.path("status").path("phase").asText(""), meta.hasNonNull("deletionTimestamp"),
                condition(pod, "Ready"), created, OwnerRef.controllerOf(pod), pod.path("spec").path("nodeName").asText(""),
                Map.copyOf(labels), Map.copyOf(images), List.copyOf(containers));
    }

    /** Whether the pod counts for its controller: not terminating and not finished. */
    public boolean active() {
        return !terminating && !phase.equals("Succeeded") && !phase.equals("Failed");
    }

    /** A label's value, or "". */
    public String label(String key) {
        return labels.getOrDefault(key, "");
    }

    /** The image of a container (not an init container), or "". */
    public String image(String container) {
        return images.getOrDefault(container, "");
    }

    /** The tag of the {@code istio-proxy} container's image, or "" without a sidecar. */
    public String proxyVersion() {
        return tagOf(image(Labels.PROXY_CONTAINER));
    }

    /** The status of a container, or null before it started. */
    public ContainerState container(String container) {
        for (ContainerState state : containers) {
            if (state.name().equals(container)) {
                return state;
            }
        }
        return null;
    }

    /**
     * The workload the pod belongs to: its controller's name, with a ReplicaSet's {@code -<pod-template-hash>}
     * taken off (so the Deployment's name); a bare pod is its own workload.
     */
    public String workload() {
        if (controller == null) {
            return name;
        }
        if (controller.kind().equals("ReplicaSet")) {
            String hash = label(Labels.POD_TEMPLATE_HASH);
            if (!hash.isEmpty() && controller.name().endsWith("-" + hash)) {
                return controller.name().substring(0, controller.name().length() - hash.length() - 1);
            }
        }
        return controller.name();
    }

    /** The tag of an image reference ({@code hub/name:tag}), or "" when it has none. */
    public static String tagOf(String image) {
        int at = image.indexOf('@');
        String ref = at < 0 ? image : image.substring(0, at);
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "";
    }

    /** Whether the pod's condition of this type is True. */
    public static boolean condition(JsonNode pod, String type) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** {@code namespace/name} and the state, short enough for test failures. */
    @Override
    public String toString() {
        return namespace + "/" + name + (terminating ? " (terminating)" : "") + " " + phase + (ready ? " ready" : "");
    }
}
