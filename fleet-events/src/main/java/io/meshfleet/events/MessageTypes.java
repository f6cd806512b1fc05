package io.meshfleet.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of wire types: type name (the envelope's {@code type}) to record class to topic, with the
 * current data version of each type and the {@link Upcaster upcasters} from its older versions.
 *
 * <p>Type names are fixed here rather than derived from class names, so that renaming a class never
 * changes the wire contract.
 */
public final class MessageTypes {

    /** The prefix of every type name. */
    public static final String PREFIX = "meshfleet.";

    /**
     * One registered message type.
     *
     * <p>Decoders accept the current data version and every older version the upcasters reach: the
     * upcasters form one unbroken chain from the {@linkplain #oldestDataVersion() oldest accepted version}
     * up to the current one. A version newer than the current one is never accepted, because additive
     * changes do not bump the version, so a newer version is one this build would misread.
     *
     * <p>Agent commands have no upcasters. A command's signature covers its decoded form, and an upcast
     * command no longer has the form its issuer signed, so it would only ever be refused as
     * {@code BAD_SIGNATURE}. Agent commands change by optional fields instead (see the README).
     *
     * @param name        the envelope {@code type}, e.g. {@code meshfleet.InstallControlPlane}
     * @param recordClass the record class of the data
     * @param topic       the topic the type is published on
     * @param dataVersion the current schema version of the data: the shape of {@code recordClass}, the
     *                    version every encoder writes
     * @param upcasters   by the version they read: the upcaster from that version to the next; immutable
     */
    public record MessageType(String name, Class<? extends Message> recordClass, String topic, int dataVersion,
                              Map<Integer, Upcaster> upcasters) {

        public MessageType {
            Objects.requireNonNull(name, "name is required");
            Objects.requireNonNull(recordClass, "recordClass is required");
            Objects.requireNonNull(topic, "topic is required");
            if (dataVersion < 1) {
                throw new IllegalArgumentException("dataVersion must be at least 1");
            }
            upcasters = upcasters == null ? Map.of() : Map.copyOf(upcasters);
            for (int from : upcasters.keySet()) {
                if (from < 1 || from >= dataVersion) {
                    throw new IllegalArgumentException(name + ": an upcaster reads a version from 1 to "
                            + (dataVersion - 1) + ", not " + from);
                }
            }
            int oldest = upcasters.isEmpty() ? dataVersion : Collections.min(upcasters.keySet());
            // Keys are distinct and within [oldest, dataVersion), so a full count means no gap in the chain.
            if (upcasters.size() != dataVersion - oldest) {
                throw new IllegalArgumentException(name + ": the upcasters must form a chain from version " + oldest
                        + " to " + dataVersion + " without gaps, found them for " + upcasters.keySet());
            }
            if (!upcasters.isEmpty() && AgentCommand.class.isAssignableFrom(recordClass)) {
                throw new IllegalArgumentException(name + " is a signed agent command: an upcast command no longer"
                        + " matches its signature, so change it by optional fields instead of upcasters");
            }
        }

        /** A type read only in its current data version. */
        public MessageType(String name, Class<? extends Message> recordClass, String topic, int dataVersion) {
            this(name, recordClass, topic, dataVersion, Map.of());
        }

        /** The oldest data version decoders accept: where the upcaster chain starts, else the current one. */
        public int oldestDataVersion() {
            return upcasters.isEmpty() ? dataVersion : Collections.min(upcasters.keySet());
        }

        /** Whether decoders accept data of {@code version}: the current one or an older one they can upcast. */
        public boolean accepts(int version) {
            return version >= oldestDataVersion() && version <= dataVersion;
        }

        /**
         * {@code data} of an accepted {@code version} rewritten to the current version by the chained upcasters.
         * {@code data} itself is not modified.
         *
         * @throws IllegalArgumentException when {@code version} is not accepted, or an upcaster does not
         *                                  return a JSON object
         */
        JsonNode upcast(int version, JsonNode data) {
            if (!accepts(version)) {
                throw new IllegalArgumentException(name + " has no data version " + version);
            }
            // One copy for the whole chain: the caller's tree stays intact, and each upcaster owns its input.
            JsonNode current = data.deepCopy();
            for (int from = version; from < dataVersion; from++) {
                current = upcasters.get(from).upcast(current);
                if (current == null || !current.isObject()) {
                    throw new IllegalArgumentException("the upcaster of " + name + " from version " + from
                            + " did not return a JSON object");
                }
            }
            return current;
        }
    }

    private static final List<MessageType> ALL = List.of(
            type("MirrorRelease", MirrorRelease.class),
            type("ReleaseVerified", ReleaseVerified.class),
            type("ReleaseRejected", ReleaseRejected.class),
            type("Preflight", Preflight.class),
            type("InstallControlPlane", InstallControlPlane.class),
            type("RestartWorkloads", RestartWorkloads.class),
            type("RunSmokeTests", RunSmokeTests.class),
            type("PreflightResult", PreflightResult.class),
            type("InstallProgress", InstallProgress.class),
            type("InstallResult", InstallResult.class),
            type("RestartExecuted", RestartExecuted.class),
            type("SmokeTestResult", SmokeTestResult.class),
            type("CommandRefused", CommandRefused.class),
            type("ClusterState", ClusterState.class, 3, Map.of(
                    1, MessageTypes::clusterStateV1ToV2,
                    2, MessageTypes::clusterStateV2ToV3)),
            type("RollSidecars", RollSidecars.class, 2, Map.of(
                    1, MessageTypes::rollSidecarsV1ToV2)),
            type("PauseRoll", PauseRoll.class),
            type("AbortRoll", AbortRoll.class),
            type("NamespaceProgress", NamespaceProgress.class),
            type("NamespaceConverged", NamespaceConverged.class),
            type("RollFailed", RollFailed.class));

    private static final Map<String, MessageType> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, MessageType> BY_CLASS = new LinkedHashMap<>();

    static {
        for (MessageType type : ALL) {
            if (BY_NAME.put(type.name(), type) != null || BY_CLASS.put(type.recordClass(), type) != null) {
                throw new IllegalStateException("registered twice: " + type);
            }
        }
    }

    private MessageTypes() {
    }

    /** Every registered type. */
    public static List<MessageType> all() {
        return ALL;
    }

    /** The type registered under {@code name}, if any. */
    public static Optional<MessageType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The type of a record class; every {@link Message} record is registered. */
    public static MessageType of(Class<? extends Message> recordClass) {
        MessageType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("not a registered message type: " + recordClass.getName());
        }
        return type;
    }

    /** The type of a message. */
    public static MessageType of(Message message) {
        return of(message.getClass());
    }

    /** The types published on {@code topic}. */
    public static List<MessageType> onTopic(String topic) {
        return ALL.stream().filter(type -> type.topic().equals(topic)).toList();
    }

    private static MessageType type(String simpleName, Class<? extends Message> recordClass) {
        return type(simpleName, recordClass, 1, Map.of());
    }

    /** A type at data version {@code current}, reading older versions through {@code upcasters} (by fromVersion). */
    static MessageType type(String simpleName, Class<? extends Message> recordClass, int current,
                            Map<Integer, Upcaster> upcasters) {
        return new MessageType(PREFIX + simpleName, recordClass, topicOf(recordClass), current, upcasters);
    }

    // Version 1 could not ask for anything but the listed order and stopping the cluster at its first failed
    // namespace, so that is what every v1 message means. Anything a v1 producer put under these names was
    // never part of its contract, so the v1 meaning overwrites it.
    private static JsonNode rollSidecarsV1ToV2(JsonNode v1) {
        ObjectNode data = (ObjectNode) v1;
        data.put("namespaceOrder", NamespaceOrder.AS_LISTED.name());
        data.put("onNamespaceFailure", NamespaceFailurePolicy.STOP_CLUSTER.name());
        return data;
    }

    // Version 1 agents did not read PodDisruptionBudgets; their reports mean "none known" for every namespace.
    private static JsonNode clusterStateV1ToV2(JsonNode v1) {
        ObjectNode data = (ObjectNode) v1;
        JsonNode namespaces = data.get("namespaces");
        if (namespaces != null && namespaces.isArray()) {
            for (JsonNode namespace : namespaces) {
                if (namespace instanceof ObjectNode object) {
                    object.putArray("disruptionBudgets");
                }
            }
        }
        return data;
    }

    // Version 2 agents did not send namespace labels; their reports mean "none known" for every namespace.
    private static JsonNode clusterStateV2ToV3(JsonNode v2) {
        ObjectNode data = (ObjectNode) v2;
        JsonNode namespaces = data.get("namespaces");
        if (namespaces != null && namespaces.isArray()) {
            for (JsonNode namespace : namespaces) {
                if (namespace instanceof ObjectNode object) {
                    object.putObject("labels");
                }
            }
        }
        return data;
    }

    // Mirrors the topic() defaults of the topic interfaces, which need an instance; MessageTypesTest
    // checks that both agree for every type.
    private static String topicOf(Class<? extends Message> c) {
        if (ArtifactCommand.class.isAssignableFrom(c)) {
            return Topics.ARTIFACT_COMMANDS;
        } else if (ArtifactEvent.class.isAssignableFrom(c)) {
            return Topics.ARTIFACT_EVENTS;
        } else if (AgentCommand.class.isAssignableFrom(c)) {
            return Topics.AGENT_COMMANDS;
        } else if (AgentEvent.class.isAssignableFrom(c)) {
            return Topics.AGENT_EVENTS;
        } else if (ClusterState.class.equals(c)) {
            return Topics.CLUSTER_STATE;
        } else if (RollerCommand.class.isAssignableFrom(c)) {
            return Topics.ROLLER_COMMANDS;
        } else if (RollerEvent.class.isAssignableFrom(c)) {
            return Topics.ROLLER_EVENTS;
        }
        throw new IllegalStateException("no topic for " + c.getName());
    }
}
