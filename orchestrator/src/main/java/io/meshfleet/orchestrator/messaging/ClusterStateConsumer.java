package io.meshfleet.orchestrator.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.orchestrator.inventory.Inventory;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.meshfleet.orchestrator.rollout.ActivePlans;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Feeds the agents' {@code ClusterState} reports into the {@link Inventory} and wakes the plans holding the cluster. */
@ApplicationScoped
public class ClusterStateConsumer {

    static final String CHANNEL = "cluster-state";
    private static final Logger LOG = Logger.getLogger(ClusterStateConsumer.class);

    private final InboundEnvelopes inbound;
    private final Inventory inventory;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ActivePlans plans;
    private final PlanRunner runner;

    ClusterStateConsumer(InboundEnvelopes inbound, Inventory inventory, Clock clock, MeterRegistry meters,
                         ActivePlans plans, PlanRunner runner) {
        this.plans = plans;
        this.runner = runner;
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
                for (String planId : plans.holding(state.clusterId())) {
                    runner.pass(planId, List.of());
                }
            }
        });
    }
}
