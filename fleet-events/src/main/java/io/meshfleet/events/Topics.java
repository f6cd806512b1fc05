package io.meshfleet.events;

import java.util.List;
import java.util.Objects;

/** The Kafka topic names of the meshfleet contracts; code names channels, configuration maps them to these. */
public final class Topics {

    /** MirrorRelease, keyed by version: orchestrator or fleetctl to artifact-service. */
    public static final String ARTIFACT_COMMANDS = "fleet.artifact.commands";
    /** ReleaseVerified and ReleaseRejected, keyed by version: artifact-service to orchestrator. */
    public static final String ARTIFACT_EVENTS = "fleet.artifact.events";
    /** Signed commands to cluster agents, keyed by clusterId. */
    public static final String AGENT_COMMANDS = "fleet.agent.commands";
    /** What cluster agents did or refused, keyed by clusterId. */
    public static final String AGENT_EVENTS = "fleet.agent.events";
    /** The latest ClusterState per cluster, keyed by clusterId; a compacted topic. */
    public static final String CLUSTER_STATE = "fleet.cluster.state";
    /** Sidecar roll commands, keyed by clusterId: orchestrator to sidecar-roller. */
    public static final String ROLLER_COMMANDS = "fleet.roller.commands";
    /** Sidecar roll progress, keyed by clusterId: sidecar-roller to orchestrator. */
    public static final String ROLLER_EVENTS = "fleet.roller.events";

    /** Every topic above, in the order of the flow through the system. */
    public static final List<String> ALL = List.of(
            ARTIFACT_COMMANDS, ARTIFACT_EVENTS,
            AGENT_COMMANDS, AGENT_EVENTS,
            CLUSTER_STATE,
            ROLLER_COMMANDS, ROLLER_EVENTS);

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic that receives the undecodable records of {@code topic}. */
    public static String deadLetter(String topic) {
        Objects.requireNonNull(topic, "topic is required");
        return topic + DEAD_LETTER_SUFFIX;
    }
}
