package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.BuiltInResources;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;

/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} that {@code kubectl get} asks for with
 * {@code Accept: application/json;as=Table;...}, with the columns the real server prints for pods, deployments,
 * replicasets and namespaces (and IstioOperator's printer columns), NAME and AGE for everything else.
 */
final class TableRenderer {

    /** What each row carries in {@code object} ({@code ?includeObject=}). */
    enum IncludeObject {
        NONE, METADATA, OBJECT;

        static IncludeObject parse(String value) {
            if (value == null || value.isEmpty() || value.equals("Metadata")) {
                return METADATA;
            }
            return value.equals("Object") ? OBJECT : value.equals("None") ? NONE : METADATA;
        }
    }

    /** One column definition. */
    private record Column(String name, String type, String format, int priority, String description) {
    }

    /** The columns of a kind and how to fill them (after the name). */
    private record Printer(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cells) {
    }

    private static final Column NAME = new Column("Name", "string", "name", 0,
            "Name must be unique within a namespace.");
    private static final Column AGE = new Column("Age", "string", "", 0,
            "CreationTimestamp is a timestamp representing the server time when this object was created.");

    private static final Printer DEFAULT = new Printer(List.of(NAME, AGE), (o, now) -> List.of(age(o, now)));

    private static final Map<String, Printer> PRINTERS = Map.of(
            BuiltInResources.PODS.key(), new Printer(List.of(NAME,
                    new Column("Ready", "string", "", 0,
                            "The aggregate readiness state of this pod for accepting traffic."),
                    new Column("Status", "string", "", 0, "The aggregate status of the containers in this pod."),
                    new Column("Restarts", "string", "", 0,
                            "The number of times the containers in this pod have been restarted."),
                    AGE,
                    new Column("IP", "string", "", 1, "IP address allocated to the pod."),
                    new Column("Node", "string", "", 1, "Name of the Node the pod is assigned to.")),
                    TableRenderer::podCells),
            BuiltInResources.DEPLOYMENTS.key(), new Printer(List.of(NAME,
                    new Column("Ready", "string", "", 0, "Number of the pod with ready state"),
                    new Column("Up-to-date", "integer", "", 0, "Total number of non-terminated pods targeted by "
                            + "this deployment that have the desired template spec."),
                    new Column("Available", "integer", "", 0, "Total number of available pods (ready for at least "
                            + "minReadySeconds) targeted by this deployment."),
                    AGE,
                    new Column("Containers", "string", "", 1, "Names of each container in the template."),
                    new Column("Images", "string", "", 1, "Images referenced by each container in the template."),
                    new Column("Selector", "string", "", 1, "Label selector for pods.")),
                    TableRenderer::deploymentCells),
            BuiltInResources.REPLICA_SETS.key(), new Printer(List.of(NAME,
                    new Column("Desired", "integer", "", 0, "Number of desired pods."),
                    new Column("Current", "integer", "", 0, "Number of actual replicas."),
                    new Column("Ready", "integer", "", 0, "Number of ready replicas."),
                    AGE),
                    (o, now) -> List.of(o.path("spec").path("replicas").asInt(0),
                            o.path("status").path("replicas").asInt(0),
                            o.path("status").path("readyReplicas").asInt(0), age(o, now))),
            BuiltInResources.NAMESPACES.key(), new Printer(List.of(NAME,
                    new Column("Status", "string", "", 0, "The status of the namespace"), AGE),
                    (o, now) -> List.of(o.path("status").path("phase").asText(""), age(o, now))),
            BuiltInResources.ISTIO_OPERATORS.key(), new Printer(List.of(NAME,
                    new Column("Revision", "string", "", 0, "Istio control plane revision"),
                    new Column("Status", "string", "", 0, "IOP current state"), AGE),
                    (o, now) -> List.of(o.path("spec").path("revision").asText(""),
                            o.path("status").path("status").asText(""), age(o, now))));

    private TableRenderer() {
    }

    /** A Table of the objects. */
    static ObjectNode table(ResourceType type, List<ObjectNode> objects, long resourceVersion, Instant now,
                            IncludeObject include) {
        Printer printer = PRINTERS.getOrDefault(type.key(), DEFAULT);
        ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode columns = table.putArray("columnDefinitions");
        for (Column column : printer.columns()) {
            columns.addObject().put("name", column.name()).put("type", column.type()).put("format", column.format())
                    .put("description", column.description()).put("priority", column.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (Object cell : printer.cells().apply(object, now)) {
                if (cell instanceof Integer i) {
                    cells.add(i);
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            switch (include) {
                case OBJECT -> row.set("object", object);
                case METADATA -> {
                    ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                            .put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", object.path("metadata"));
                }
                case NONE -> { }
                default -> throw new IllegalStateException();
            }
        }
        return table;
    }

    /** The pod columns after NAME, as kubectl's printPod computes them. */
    static List<Object> podCells(JsonNode pod, Instant now) {
        JsonNode status = pod.path("status");
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        int restarts = 0;
        String reason = status.path("phase").asText("");
        if (!status.path("reason").asText("").isEmpty()) {
            reason = status.path("reason").asText();
        }
        boolean initializing = false;
        JsonNode initStatuses = status.path("initContainerStatuses");
        int initCount = pod.path("spec").path("initContainers").size();
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            restarts += container.path("restartCount").asInt(0);
            JsonNode terminated = container.path("state").path("terminated");
            JsonNode waiting = container.path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) {
                continue;
            }
            if (terminated.isObject()) {
                String why = terminated.path("reason").asText("");
                reason = !why.isEmpty() ? "Init:" + why
                        : terminated.path("signal").asInt(0) != 0 ? "Init:Signal:" + terminated.path("signal").asInt()
                        : "Init:ExitCode:" + terminated.path("exitCode").asInt();
            } else if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()
                    && !waiting.path("reason").asText().equals("PodInitializing")) {
                reason = "Init:" + waiting.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + initCount;
            }
            initializing = true;
            break;
        }
        if (!initializing || condition(status, "Initialized")) {
            restarts = 0;
            boolean hasRunning = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += container.path("restartCount").asInt(0);
                JsonNode state = container.path("state");
                String waitingReason = state.path("waiting").path("reason").asText("");
                JsonNode terminated = state.path("terminated");
                if (!waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (terminated.isObject() && !terminated.path("reason").asText("").isEmpty()) {
                    reason = terminated.path("reason").asText();
                } else if (terminated.isObject()) {
                    reason = terminated.path("signal").asInt(0) != 0 ? "Signal:" + terminated.path("signal").asInt()
                            : "ExitCode:" + terminated.path("exitCode").asInt();
                } else if (container.path("ready").asBoolean(false) && state.path("running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = condition(status, "Ready") ? "Running" : "NotReady";
            }
        }
        String phase = status.path("phase").asText("");
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            if (status.path("reason").asText("").equals("NodeLost")) {
                reason = "Unknown";
            } else if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
                reason = "Terminating";
            }
        }
        return List.of(ready + "/" + total, reason, Integer.toString(restarts), age(pod, now),
                status.path("podIP").asText("<none>"), pod.path("spec").path("nodeName").asText("<none>"));
    }

    private static List<Object> deploymentCells(JsonNode deployment, Instant now) {
        JsonNode spec = deployment.path("spec");
        JsonNode status = deployment.path("status");
        StringJoiner names = new StringJoiner(",");
        StringJoiner images = new StringJoiner(",");
        for (JsonNode container : spec.path("template").path("spec").path("containers")) {
            names.add(container.path("name").asText());
            images.add(container.path("image").asText());
        }
        StringJoiner selector = new StringJoiner(",");
        spec.path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        return List.of(status.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(0),
                status.path("updatedReplicas").asInt(0), status.path("availableReplicas").asInt(0),
                age(deployment, now), names.toString(), images.toString(), selector.toString());
    }

    private static boolean condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static String age(JsonNode object, Instant now) {
        String created = object.path("metadata").path("creationTimestamp").asText("");
        if (created.isEmpty()) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(created), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = d.toMinutes();
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = d.toHours();
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
