package io.meshfleet.agent.messaging;

import io.meshfleet.events.AgentEvent;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.Envelope;
import io.meshfleet.messaging.OutboundEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends the agent's reports: command outcomes on {@code fleet.agent.events} (correlated with the command and its
 * plan) and state reports on the compacted {@code fleet.cluster.state}; each send waits for the broker's
 * acknowledgement and is counted in {@code meshfleet_agent_events_sent_total{cluster,type}}.
 */
@ApplicationScoped
public class AgentEventPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final OutboundEnvelopes outbound;
    private final Emitter<Record<String, byte[]>> events;
    private final Emitter<Record<String, byte[]>> states;
    private final MeterRegistry meters;
    private final Clock clock;

    AgentEventPublisher(OutboundEnvelopes outbound, @Channel("agent-events") Emitter<Record<String, byte[]>> events,
            @Channel("cluster-state") Emitter<Record<String, byte[]>> states, MeterRegistry meters, Clock clock) {
        this.outbound = outbound;
        this.events = events;
        this.states = states;
        this.meters = meters;
        this.clock = clock;
    }

    /** Sends {@code event} as the answer to {@code command}. */
    public void answer(Envelope command, AgentEvent event) {
        // Correlated with the exchange the command belongs to (the orchestrator's <plan>/<cluster>/<attempt>, the
        // roller's roll), or with the command itself when it started one.
        Envelope report = Envelope.of(AgentCommandConsumer.SOURCE, event, clock).causedBy(command);
        send(events, report, event.clusterId());
    }

    /** Sends a state report. */
    public void state(ClusterState state) {
        send(states, Envelope.of(AgentCommandConsumer.SOURCE, state, clock), state.clusterId());
    }

    private void send(Emitter<Record<String, byte[]>> channel, Envelope envelope, String cluster) {
        try {
            outbound.send(channel, envelope).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + envelope.type(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + envelope.type() + " for " + cluster + ": " + e, e);
        }
        meters.counter("meshfleet.agent.events.sent", "cluster", cluster, "type", envelope.type()).increment();
    }
}
