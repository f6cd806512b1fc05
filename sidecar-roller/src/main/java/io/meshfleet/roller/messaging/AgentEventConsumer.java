package io.meshfleet.roller.messaging;

import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.Message;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.roller.engine.RollEngine;
import io.meshfleet.roller.engine.RollMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows what agents report about the roller's commands: {@code RestartExecuted} (and the pods they
 * left to a person) and {@code CommandRefused} of a {@code RestartWorkloads}. The roll itself is judged
 * by the state reports; these are logged and counted so that an operator sees why a roll does not move,
 * and a {@code RestartExecuted} gives the pacer back the restart's tokens 60 s later ({@link RollEngine#executed}).
 * Other agent events on the topic belong to the orchestrator and are skipped.
 */
@ApplicationScoped
public class AgentEventConsumer {

    static final String CHANNEL = "agent-events";
    private static final Logger LOG = Logger.getLogger(AgentEventConsumer.class);

    private final InboundEnvelopes inbound;
    private final MeterRegistry meters;
    private final RollEngine engine;

    AgentEventConsumer(InboundEnvelopes inbound, MeterRegistry meters, RollEngine engine) {
        this.inbound = inbound;
        this.meters = meters;
        this.engine = engine;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, InboundEnvelopes.Dedupe.NONE, envelope -> {
            Message data = envelope.data();
            if (data instanceof RestartExecuted executed) {
                engine.executed(executed);
                RollMetrics.restartsExecuted(meters, executed.clusterId()).increment(executed.restarted().size());
                if (!executed.needsManualAction().isEmpty()) {
                    LOG.warnf("agent of %s left pods of %s to a person (policy forbids deleting them): %s",
                            executed.clusterId(), executed.namespace(), executed.needsManualAction());
                }
            } else if (data instanceof CommandRefused refused && refused.commandType().endsWith("RestartWorkloads")) {
                RollMetrics.commandsRefused(meters, refused.clusterId(), refused.reason()).increment();
                LOG.errorf("agent of %s refused restart command %s: %s (%s); check that it pins the roller's key",
                        refused.clusterId(), refused.commandId(), refused.reason(), refused.detail());
            }
        });
    }
}
