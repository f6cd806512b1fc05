package io.meshfleet.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of wire types: type name (the envelope's {@code type}) to record class to topic.
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
     * @param name        the envelope {@code type}, e.g. {@code meshfleet.InstallControlPlane}
     * @param recordClass the record class of the data
     * @param topic       the topic the type is published on
     * @param dataVersion the current schema version of the data; decoders accept 1 up to this
     */
    public record MessageType(String name, Class<? extends Message> recordClass, String topic, int dataVersion) {

        public MessageType {
            Objects.requireNonNull(name, "name is required");
            Objects.requireNonNull(recordClass, "recordClass is required");
            Objects.requireNonNull(topic, "topic is required");
            if (dataVersion < 1) {
                throw new IllegalArgumentException("dataVersion must be at least 1");
            }
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
            type("ClusterState", ClusterState.class),
            type("RollSidecars", RollSidecars.class),
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
        return new MessageType(PREFIX + simpleName, recordClass, topicOf(recordClass), 1);
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
