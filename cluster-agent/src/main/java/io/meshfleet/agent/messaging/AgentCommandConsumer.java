package io.meshfleet.agent.messaging;

import io.meshfleet.agent.commands.CommandExecutor;
import io.meshfleet.agent.commands.CommandGate;
import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.signing.Verdict;
import io.meshfleet.messaging.DeadLetterException;
import io.meshfleet.messaging.InboundEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code fleet.agent.commands}, passes each command for a served cluster through the
 * {@link CommandGate}, and reports every refusal as {@code CommandRefused} on
 * {@code fleet.agent.events}; accepted commands go to the {@link CommandExecutor}.
 */
@ApplicationScoped
public class AgentCommandConsumer {

    static final String SOURCE = "meshfleet/cluster-agent";
    static final String CHANNEL = "agent-commands";
    private static final Logger LOG = Logger.getLogger(AgentCommandConsumer.class);

    private final InboundEnvelopes inbound;
    private final CommandGate gate;
    private final CommandExecutor executor;
    private final AgentEventPublisher publisher;
    private final MeterRegistry meters;

    AgentCommandConsumer(InboundEnvelopes inbound, CommandGate gate,
            CommandExecutor executor, AgentEventPublisher publisher, MeterRegistry meters) {
        this.inbound = inbound;
        this.gate = gate;
        this.executor = executor;
        this.publisher = publisher;
        this.meters = meters;
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
            AgentMeters.command(meters, cluster.get(), AgentMeters.ACCEPTED).increment();
            LOG.infof("accepted %s %s for %s", command.type(), command.id(), cluster.get());
            executor.submit(cluster.get(), command);
            return;
        }
        AgentMeters.command(meters, cluster.get(), verdict.reason().name()).increment();
        LOG.warnf("refused %s %s for %s: %s %s", command.type(), command.id(), cluster.get(), verdict.reason(),
                verdict.detail());
        CommandRefused refused = new CommandRefused(cluster.get(), command.id(), command.type(), verdict.reason(),
                verdict.detail());
        publisher.answer(command, refused);
        if (verdict.reason() == RefusalReason.WRONG_ADDRESSEE) {
            throw new DeadLetterException(DeadLetter.Reason.MISADDRESSED, verdict.detail());
        }
    }
}
