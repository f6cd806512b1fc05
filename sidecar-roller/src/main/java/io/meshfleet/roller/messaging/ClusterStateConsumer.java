package io.meshfleet.roller.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.roller.engine.RollEngine;
import io.meshfleet.roller.engine.RollMetrics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link LatestClusterStates} current from the agents' reports and lets the engine decide on a new
 * one at once. Reports are not deduplicated by id: every roller process reads the compacted topic from
 * its start, and a report no newer than the one held changes nothing.
 */
@ApplicationScoped
public class ClusterStateConsumer {

    static final String CHANNEL = "cluster-state";

    private final InboundEnvelopes inbound;
    private final LatestClusterStates states;
    private final RollEngine engine;
    private final RollMetrics metrics;

    ClusterStateConsumer(InboundEnvelopes inbound, LatestClusterStates states, RollEngine engine, RollMetrics metrics) {
        this.inbound = inbound;
        this.states = states;
        this.engine = engine;
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
            engine.pass();
        }
    }
}
