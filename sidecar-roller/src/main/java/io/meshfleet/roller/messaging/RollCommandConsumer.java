package io.meshfleet.roller.messaging;

import io.meshfleet.events.ClusterState;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.messaging.OutboundEnvelopes;
import io.meshfleet.roller.convergence.NamespaceConvergence;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code RollSidecars} and answers with the convergence of each requested namespace as a
 * {@code NamespaceProgress}, computed from the cluster's latest state report.
 */
@ApplicationScoped
public class RollCommandConsumer {

    static final String SOURCE = "meshfleet/sidecar-roller";
    static final String CHANNEL = "roller-commands";
    private static final Logger LOG = Logger.getLogger(RollCommandConsumer.class);

    private final InboundEnvelopes inbound;
    private final OutboundEnvelopes outbound;
    private final LatestClusterStates states;
    private final Emitter<Record<String, byte[]>> events;
    private final Clock clock;

    RollCommandConsumer(InboundEnvelopes inbound, OutboundEnvelopes outbound, LatestClusterStates states,
            @Channel("roller-events") Emitter<Record<String, byte[]>> events, Clock clock) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.states = states;
        this.events = events;
        this.clock = clock;
    }

    // Blocking: waits for the broker to acknowledge each progress event before the command is acked.
    @Incoming(CHANNEL)
    @Blocking
    public void onCommand(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, envelope -> report(envelope, InboundEnvelopes.dataAs(envelope, RollSidecars.class)));
    }

    private void report(Envelope command, RollSidecars roll) {
        Optional<ClusterState> state = states.of(roll.clusterId());
        if (state.isEmpty()) {
            LOG.warnf("no state report from cluster %s yet; roll %s waits for one", roll.clusterId(), command.id());
            return;
        }
        for (NamespaceState namespace : state.get().namespaces()) {
            if (!selected(roll, namespace)) {
                continue;
            }
            NamespaceConvergence convergence = NamespaceConvergence.of(namespace, roll.targetProxyVersion());
            long remaining = convergence.total() - convergence.converged();
            long etaSeconds = (long) Math.ceil(remaining * 60.0 / roll.limits().podsPerMinutePerCluster());
            NamespaceProgress progress = new NamespaceProgress(roll.planId(), roll.clusterId(), namespace.name(),
                    0, convergence.converged(), convergence.total(), etaSeconds);
            outbound.send(events, Envelope.of(SOURCE, progress, clock).withPlan(roll.planId())
                    .withCorrelation(command.id())).toCompletableFuture().join();
        }
    }

    private static boolean selected(RollSidecars roll, NamespaceState namespace) {
        return roll.namespaces().isEmpty() ? namespace.injectionEnabled() : roll.namespaces().contains(namespace.name());
    }
}
