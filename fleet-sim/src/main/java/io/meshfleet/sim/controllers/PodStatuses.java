package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The pod statuses a kubelet writes at each step, shaped so that {@code kubectl get pod} prints what it prints on a
 * real cluster ({@code 0/2 Pending}, {@code 0/2 Running}, {@code 2/2 Running}, {@code 1/2 CrashLoopBackOff}). Pure:
 * each method changes the given status tree.
 */
final class PodStatuses {

    private PodStatuses() {
    }

    /** Bound to a node, containers not started: {@code Pending}. */
    static void scheduled(ObjectNode status, Instant now) {
        status.put("phase", "Pending");
        condition(status, "PodScheduled", true, null, null, now);
        status.put("qosClass", "BestEffort");
    }

    /**
     * Containers started: {@code Running}, none ready yet. Containers in {@code crashing} are waiting in
     * CrashLoopBackOff after their first crash.
     */
    static void started(ObjectNode status, JsonNode pod, Instant now, String hostIp, String podIp, Set<String> crashing) {
        String time = ClusterStore.timestamp(now);
        status.put("phase", "Running");
        status.put("hostIP", hostIp);
        status.putArray("hostIPs").addObject().put("ip", hostIp);
        status.put("podIP", podIp);
        status.putArray("podIPs").addObject().put("ip", podIp);
        status.put("startTime", time);
        JsonNode spec = pod.path("spec");
        if (!spec.path("initContainers").isEmpty()) {
            ArrayNode init = status.putArray("initContainerStatuses");
            for (JsonNode container : spec.path("initContainers")) {
                ObjectNode s = containerStatus(init, container, pod);
                s.putObject("state").putObject("terminated").put("exitCode", 0).put("reason", "Completed")
                        .put("startedAt", time).put("finishedAt", time).put("containerID", s.path("containerID").asText());
                s.put("ready", true).put("started", false);
            }
        }
        ArrayNode statuses = status.putArray("containerStatuses");
        for (JsonNode container : spec.path("containers")) {
            ObjectNode s = containerStatus(statuses, container, pod);
            if (crashing.contains(container.path("name").asText())) {
                crash(s, pod, now, 1);
            } else {
                s.putObject("state").putObject("running").put("startedAt", time);
                s.putObject("lastState");
                s.put("ready", false).put("restartCount", 0).put("started", true);
            }
        }
        condition(status, "Initialized", true, null, null, now);
        condition(status, "PodReadyToStartContainers", true, null, null, now);
        refreshReadiness(status, now);
        condition(status, "PodScheduled", true, null, null, now);
    }

    /** Containers that are running and not in {@code notReady} become ready; the pod's conditions follow. */
    static void ready(ObjectNode status, Instant now, Set<String> notReady) {
        for (JsonNode s : status.path("containerStatuses")) {
            if (s.path("state").has("running") && !notReady.contains(s.path("name").asText())) {
                ((ObjectNode) s).put("ready", true);
            }
        }
        refreshReadiness(status, now);
    }

    /**
     * Whether a pod runs to completion rather than serving: a Job's pod (restartPolicy Never or OnFailure) whose
     * containers all have a {@code command}. Such a pod, once Running and Ready, finishes after
     * {@code containerStart}; see {@link #exitCode}. Job pods without a command keep running (long batch work).
     */
    static boolean runsToCompletion(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        String policy = spec.path("restartPolicy").asText("Always");
        if (policy.equals("Always") || !spec.path("containers").isArray() || spec.path("containers").isEmpty()) {
            return false;
        }
        boolean ownedByJob = false;
        for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
            ownedByJob |= owner.path("kind").asText().equals("Job") && owner.path("controller").asBoolean(false);
        }
        if (!ownedByJob) {
            return false;
        }
        for (JsonNode container : spec.path("containers")) {
            if (!container.path("command").isArray() || container.path("command").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The simulated exit code of a run-to-completion container: 1 for the command {@code false}, N when its last
     * argument ends with {@code exit N} (as in {@code sh -c "...; exit 3"}), else 0.
     */
    static int exitCode(JsonNode container) {
        List<String> words = new java.util.ArrayList<>();
        container.path("command").forEach(w -> words.add(w.asText()));
        container.path("args").forEach(w -> words.add(w.asText()));
        if (words.size() == 1 && words.get(0).equals("false")) {
            return 1;
        }
        java.util.regex.Matcher exit = java.util.regex.Pattern.compile("(?:^|[;&|\\s])exit\\s+(\\d+)\\s*$")
                .matcher(words.isEmpty() ? "" : words.get(words.size() - 1));
        return exit.find() ? Integer.parseInt(exit.group(1)) : 0;
    }

    /** Every container terminated with its exit code: phase Succeeded when all exited 0, else Failed. */
    static void completed(ObjectNode status, JsonNode pod, Instant now) {
        String time = ClusterStore.timestamp(now);
        boolean failed = false;
        for (JsonNode s : status.path("containerStatuses")) {
            JsonNode container = null;
            for (JsonNode c : pod.path("spec").path("containers")) {
                if (c.path("name").asText().equals(s.path("name").asText())) {
                    container = c;
                }
            }
            int code = container == null ? 0 : exitCode(container);
            failed |= code != 0;
            String startedAt = s.path("state").path("running").path("startedAt").asText(time);
            ((ObjectNode) s).putObject("state").putObject("terminated").put("exitCode", code)
                    .put("reason", code == 0 ? "Completed" : "Error").put("startedAt", startedAt)
                    .put("finishedAt", time).put("containerID", s.path("containerID").asText());
            ((ObjectNode) s).put("ready", false).put("started", false);
        }
        status.put("phase", failed ? "Failed" : "Succeeded");
        refreshReadiness(status, now);
    }

    /** One more crash of a crash-looping container: restartCount grows, still waiting in CrashLoopBackOff. */
    static void crashedAgain(ObjectNode status, JsonNode pod, String container, Instant now) {
        for (JsonNode s : status.path("containerStatuses")) {
            if (s.path("name").asText().equals(container)) {
                crash((ObjectNode) s, pod, now, s.path("restartCount").asInt(0) + 1);
            }
        }
        refreshReadiness(status, now);
    }

    /** How long a crash-looping container waits before its next restart: 10s doubling up to 5m, as the kubelet. */
    static Duration backOff(int restartCount) {
        long seconds = 10L << Math.min(Math.max(restartCount - 1, 0), 5);
        return Duration.ofSeconds(Math.min(seconds, 300));
    }

    private static void crash(ObjectNode s, JsonNode pod, Instant now, int restarts) {
        String time = ClusterStore.timestamp(now);
        JsonNode meta = pod.path("metadata");
        s.putObject("state").putObject("waiting").put("reason", "CrashLoopBackOff")
                .put("message", "back-off " + goDuration(backOff(restarts)) + " restarting failed container="
                        + s.path("name").asText() + " pod=" + meta.path("name").asText() + "_"
                        + meta.path("namespace").asText() + "(" + meta.path("uid").asText() + ")");
        s.putObject("lastState").putObject("terminated").put("exitCode", 1).put("reason", "Error")
                .put("startedAt", time).put("finishedAt", time).put("containerID", s.path("containerID").asText());
        s.put("ready", false).put("restartCount", restarts).put("started", false);
    }

    private static ObjectNode containerStatus(ArrayNode statuses, JsonNode container, JsonNode pod) {
        String name = container.path("name").asText();
        String image = container.path("image").asText();
        // Stable per pod and container, so that repeated writes of the same state change nothing.
        JsonNode meta = pod.path("metadata");
        String id = Integer.toHexString((meta.path("namespace").asText() + "/" + meta.path("name").asText() + "/"
                + meta.path("generateName").asText() + "/" + meta.path("uid").asText() + "/" + name).hashCode());
        return statuses.addObject().put("name", name).put("image", image)
                .put("imageID", image.contains("@") ? image : image + "@sha256:" + "0".repeat(56) + pad8(id))
                .put("containerID", "containerd://" + "0".repeat(56) + pad8(id));
    }

    private static String pad8(String hex) {
        return "0".repeat(Math.max(0, 8 - hex.length())) + hex;
    }

    private static void refreshReadiness(ObjectNode status, Instant now) {
        StringBuilder unready = new StringBuilder();
        for (JsonNode s : status.path("containerStatuses")) {
            if (!s.path("ready").asBoolean(false)) {
                unready.append(unready.length() == 0 ? "" : " ").append(s.path("name").asText());
            }
        }
        boolean ready = unready.length() == 0;
        String message = "containers with unready status: [" + unready + "]";
        condition(status, "Ready", ready, ready ? null : "ContainersNotReady", ready ? null : message, now);
        condition(status, "ContainersReady", ready, ready ? null : "ContainersNotReady", ready ? null : message, now);
    }

    /** Sets a condition, moving lastTransitionTime only when its status changes. */
    private static void condition(ObjectNode status, String type, boolean value, String reason, String message,
                                  Instant now) {
        ArrayNode conditions = status.withArrayProperty("conditions");
        ObjectNode condition = null;
        for (JsonNode c : conditions) {
            if (c.path("type").asText().equals(type)) {
                condition = (ObjectNode) c;
            }
        }
        String text = value ? "True" : "False";
        if (condition == null) {
            condition = conditions.addObject().put("type", type);
        } else if (condition.path("status").asText().equals(text)) {
            if (reason != null) {
                condition.put("reason", reason).put("message", message);
            }
            return;
        }
        condition.put("status", text);
        condition.putNull("lastProbeTime");
        condition.put("lastTransitionTime", ClusterStore.timestamp(now));
        if (reason == null) {
            condition.remove("reason");
            condition.remove("message");
        } else {
            condition.put("reason", reason).put("message", message);
        }
    }

    /** {@code 10s}, {@code 1m20s}, {@code 5m0s}: Go's Duration.String for whole seconds. */
    static String goDuration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds / 60 + "m" + seconds % 60 + "s";
    }
}
