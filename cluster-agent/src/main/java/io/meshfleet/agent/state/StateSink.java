package io.meshfleet.agent.state;

import io.meshfleet.events.ClusterState;

/** Where a {@link ClusterStateReporter} sends reports: Kafka's compacted {@code fleet.cluster.state} in the service. */
@FunctionalInterface
public interface StateSink {

    /** Sends {@code state}; returns once it is acknowledged, throws when it could not be sent. */
    void publish(ClusterState state) throws Exception;
}
