package io.meshfleet.agent.messaging;

import io.meshfleet.agent.commands.CommandGate;
import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.signing.Verdict;
import io.meshfleet.messaging.DeadLetterException;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.messaging.OutboundEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Reads {@code fleet.agent.commands}, passes each command for a served cluster through the
 * {@link CommandGate}, and reports every refusal as {@code CommandRefused} on
 * {@code fleet.agent.events}.
 */
@ApplicationScoped
public class AgentCommandConsumer {

    static final String SOURCE = "meshfleet/cluster-agent";
    static final String CHANNEL = "agent-commands";
    private static final Logger LOG = Logger.getLogger(AgentCommandConsumer.class);

    private final InboundEnvelopes inbound;
    private final OutboundEnvelopes outbound;
    private final CommandGate gate;
    private final Emitter<Record<String, byte[]>> events;
    private final MeterRegistry meters;
    private final Clock clock;

    AgentCommandConsumer(InboundEnvelopes inbound, OutboundEnvelopes outbound, CommandGate gate,
            @Channel("agent-events") Emitter<Record<String, byte[]>> events, MeterRegistry meters, Clock clock) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.gate = gate;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    // Blocking: a refusal is acknowledged by the broker before the command's offset is committed.
    // No deduplication by message id here: a command delivered twice is refused as REPLAYED by its
    // nonce guard, and that refusal is reported like every other.
    @Incoming(CHANNEL)
    @Blocking
    public void onCommand(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, InboundEnvelopes.Dedupe.NONE, this::judge);
    }

    private void judge(Envelope command) {
        InboundEnvelopes.dataAs(command, AgentCommand.class);
        Optional<String> cluster = gate.concerns(command);
        if (cluster.isEmpty()) {
            return; // for a cluster another agent serves
        }
        Verdict verdict = gate.verify(cluster.get(), command);
        if (verdict.accepted()) {
            meters.counter("meshfleet.agent.commands", "cluster", cluster.get(), "outcome", "accepted").increment();
            LOG.infof("accepted %s %s for %s", command.type(), command.id(), cluster.get());
            return;
        }
        meters.counter("meshfleet.agent.commands", "cluster", cluster.get(), "outcome", verdict.reason().name())
                .increment();
        LOG.warnf("refused %s %s for %s: %s %s", command.type(), command.id(), cluster.get(), verdict.reason(),
                verdict.detail());
        CommandRefused refused = new CommandRefused(cluster.get(), command.id(), command.type(), verdict.reason(),
                verdict.detail());
        Envelope report = Envelope.of(SOURCE, refused, clock).withCorrelation(command.id());
        if (command.planId() != null) {
            report = report.withPlan(command.planId());
        }
        outbound.send(events, report).toCompletableFuture().join();
        if (verdict.reason() == RefusalReason.WRONG_ADDRESSEE) {
            throw new DeadLetterException(DeadLetter.Reason.MISADDRESSED, verdict.detail());
        }
    }
}
