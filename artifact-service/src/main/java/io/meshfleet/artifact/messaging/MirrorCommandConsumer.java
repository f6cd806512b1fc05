package io.meshfleet.artifact.messaging;

import io.meshfleet.artifact.mirror.MirrorIntake;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.MirrorRelease;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.events.ReleaseRejected;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.messaging.OutboundEnvelopes;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code MirrorRelease} commands; an invalid one is answered with {@code ReleaseRejected}
 * (reason {@code INVALID_REQUEST}) on the artifact events topic.
 */
@ApplicationScoped
public class MirrorCommandConsumer {

    static final String SOURCE = "meshfleet/artifact-service";
    static final String CHANNEL = "artifact-commands";

    private static final Logger LOG = Logger.getLogger(MirrorCommandConsumer.class);

    private final InboundEnvelopes inbound;
    private final OutboundEnvelopes outbound;
    private final MirrorIntake intake;
    private final Emitter<Record<String, byte[]>> events;
    private final Clock clock;

    MirrorCommandConsumer(InboundEnvelopes inbound, OutboundEnvelopes outbound, MirrorIntake intake,
            @Channel("artifact-events") Emitter<Record<String, byte[]>> events, Clock clock) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.intake = intake;
        this.events = events;
        this.clock = clock;
    }

    // Blocking: the intake writes to PostgreSQL and waits for the broker's acknowledgement.
    @Incoming(CHANNEL)
    @Blocking
    public void onCommand(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, this::handle);
    }

    private void handle(Envelope envelope) {
        MirrorRelease request = InboundEnvelopes.dataAs(envelope, MirrorRelease.class);
        MirrorIntake.Outcome outcome = intake.submit(envelope.id(), request, envelope.source(),
                envelope.correlationId());
        if (outcome instanceof MirrorIntake.Outcome.Invalid invalid) {
            String detail = String.join("; ", invalid.problems());
            LOG.warnf("refused mirror request %s for %s: %s", envelope.id(), request.version(), detail);
            Envelope rejected = Envelope.of(SOURCE,
                    new ReleaseRejected(request.version(), String.join(",", request.platforms()), RejectionReason.INVALID_REQUEST,
                            detail),
                    clock).withCorrelation(envelope.id());
            outbound.send(events, rejected).toCompletableFuture().join();
        } else {
            LOG.infof("mirror request %s for %s: %s", envelope.id(), request.version(),
                    outcome.getClass().getSimpleName());
        }
    }
}
