package io.meshfleet.roller.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.messaging.InboundEnvelopes;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link LatestClusterStates} current from the agents' reports. */
@ApplicationScoped
public class ClusterStateConsumer {

    static final String CHANNEL = "cluster-state";

    private final InboundEnvelopes inbound;
    private final LatestClusterStates states;

    ClusterStateConsumer(InboundEnvelopes inbound, LatestClusterStates states) {
        this.inbound = inbound;
        this.states = states;
    }

    // Blocking: a record that cannot be processed is dead-lettered synchronously.
    @Incoming(CHANNEL)
    @Blocking
    public void onState(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record,
                envelope -> states.offer(InboundEnvelopes.dataAs(envelope, ClusterState.class)));
    }
}
