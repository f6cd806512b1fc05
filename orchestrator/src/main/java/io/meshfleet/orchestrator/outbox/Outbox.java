package io.meshfleet.orchestrator.outbox;

import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.Command;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.signing.CommandSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes commands to the outbox in the caller's transaction. Agent commands are signed here, once:
 * a re-send after a crash carries the same id and nonce, so the agent's replay guard refuses it and
 * nothing runs twice.
 */
@ApplicationScoped
public class Outbox {

    /** The envelope source of every orchestrator command. */
    public static final String SOURCE = "meshfleet/orchestrator";

    private final EnvelopeCodec codec;
    private final CommandSigner signer;
    private final Clock clock;
    private final Duration commandTtl;

    Outbox(EnvelopeCodec codec, CommandSigner signer, Clock clock,
           @ConfigProperty(name = "meshfleet.orchestrator.command-ttl", defaultValue = "PT15M") Duration commandTtl) {
        this.codec = codec;
        this.signer = signer;
        this.clock = clock;
        this.commandTtl = commandTtl;
    }

    /** Adds {@code command} for plan {@code planId} to the outbox; returns the envelope as it will be sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Envelope write(Command command, String planId, String correlationId) {
        Envelope envelope = Envelope.of(SOURCE, command, clock).withPlan(planId).withCorrelation(correlationId);
        if (command instanceof AgentCommand) {
            envelope = signer.sign(envelope, commandTtl);
        }
        OutboxEntity row = new OutboxEntity();
        row.messageId = UUID.fromString(envelope.id());
        row.topic = envelope.topic();
        row.key = envelope.key();
        row.payload = codec.encode(envelope);
        row.createdAt = clock.instant();
        row.persist();
        return envelope;
    }
}
