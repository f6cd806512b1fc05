package io.meshfleet.messaging;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes envelopes as plain JSON, keyed by the aggregate id of their data (cluster id or
 * release version) so that Kafka keeps their order per aggregate.
 */
@ApplicationScoped
public class OutboundEnvelopes {

    private final EnvelopeCodec codec;
    private final MeterRegistry meters;

    OutboundEnvelopes(EnvelopeCodec codec, MeterRegistry meters) {
        this.codec = codec;
        this.meters = meters;
    }

    /** Sends the envelope; the returned stage completes when the broker has acknowledged it. */
    public CompletionStage<Void> send(Emitter<Record<String, byte[]>> channel, Envelope envelope) {
        CompletionStage<Void> acked = channel.send(Record.of(envelope.data().key(), codec.encode(envelope)));
        return acked.thenRun(() -> meters.counter("meshfleet.messages.sent", "type", envelope.type()).increment());
    }
}
