package io.meshfleet.roller.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.roller.engine.RollMetrics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link LatestClusterStates} current from the agents' reports and asks for a decision pass on a newer
 * one ({@link StatePasses}: reports close together share a pass). Reports are not deduplicated by id: every
 * roller process reads the compacted topic from its start, and a report no newer than the one held changes
 * nothing.
 */
@ApplicationScoped
public class ClusterStateConsumer {

    static final String CHANNEL = "cluster-state";

    private final InboundEnvelopes inbound;
    private final LatestClusterStates states;
    private final StatePasses passes;
    private final RollMetrics metrics;

    ClusterStateConsumer(InboundEnvelopes inbound, LatestClusterStates states, StatePasses passes, RollMetrics metrics) {
        this.inbound = inbound;
        this.states = states;
        this.passes = passes;
        this.metrics = metrics;
    }

    // Blocking: a record that cannot be processed is dead-lettered synchronously.
    @Incoming(CHANNEL)
    @Blocking
    public void onState(ConsumerRecord<String, byte[]> record) {
        boolean[] newer = {false};
        inbound.process(CHANNEL, record, InboundEnvelopes.Dedupe.NONE, envelope -> {
            ClusterState state = InboundEnvelopes.dataAs(envelope, ClusterState.class);
            newer[0] = states.offer(state);
            if (newer[0]) {
                metrics.clusterKnown(state.clusterId());
            }
        });
        if (newer[0]) {
            passes.reported();
        }
    }
}
