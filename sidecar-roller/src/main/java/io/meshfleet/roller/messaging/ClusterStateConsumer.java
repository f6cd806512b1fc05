package io.meshfleet.roller.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.messaging.InboundEnvelopes;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link LatestClusterStates} current from the agents' reports. */
@ApplicationScoped
public class ClusterStateConsumer {

    private final InboundEnvelopes inbound;
    private final LatestClusterStates states;

    ClusterStateConsumer(InboundEnvelopes inbound, LatestClusterStates states) {
        this.inbound = inbound;
        this.states = states;
    }

    @Incoming("cluster-state")
    public void onState(ConsumerRecord<String, byte[]> record) {
        inbound.decode(record).ifPresent(envelope -> {
            if (envelope.data() instanceof ClusterState state) {
                states.offer(state);
            }
        });
    }
}
