package io.meshfleet.orchestrator.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.orchestrator.inventory.Inventory;
import io.meshfleet.orchestrator.rollout.StatePasses;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the agents' {@code ClusterState} reports into the {@link Inventory} and wakes the plans in which the cluster
 * waits on its reports ({@link StatePasses}).
 */
@ApplicationScoped
public class ClusterStateConsumer {

    static final String CHANNEL = "cluster-state";
    private static final Logger LOG = Logger.getLogger(ClusterStateConsumer.class);

    private final InboundEnvelopes inbound;
    private final Inventory inventory;
    private final Clock clock;
    private final MeterRegistry meters;
    private final StatePasses passes;

    ClusterStateConsumer(InboundEnvelopes inbound, Inventory inventory, Clock clock, MeterRegistry meters,
                         StatePasses passes) {
        this.passes = passes;
        this.inbound = inbound;
        this.inventory = inventory;
        this.clock = clock;
        this.meters = meters;
    }

    // Blocking: the inventory writes to PostgreSQL through JDBC, which must not run on the event loop.
    @Incoming(CHANNEL)
    @Blocking
    public void onState(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, envelope -> {
            ClusterState state = InboundEnvelopes.dataAs(envelope, ClusterState.class);
            boolean applied = inventory.record(state, clock.instant());
            meters.counter("meshfleet.inventory.reports", "outcome", applied ? "applied" : "stale").increment();
            LOG.debugf("cluster %s generation %d %s", state.clusterId(), state.observedGeneration(),
                    applied ? "recorded" : "stale, dropped");
            if (applied) {
                // Control-plane readiness and sidecar convergence are judged from these reports.
                passes.reported(state.clusterId());
            }
        });
    }
}
