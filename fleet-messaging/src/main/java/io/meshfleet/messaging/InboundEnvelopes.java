package io.meshfleet.messaging;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.UndecodableMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Turns an inbound Kafka record into an {@link Envelope}, or reports why it cannot.
 *
 * <p>A record that does not decode never throws out of a consumer: it is logged with its
 * coordinates, counted in {@code meshfleet.messages.undecodable} by reason, and skipped so the
 * partition keeps flowing.
 */
@ApplicationScoped
public class InboundEnvelopes {

    private static final Logger LOG = Logger.getLogger(InboundEnvelopes.class);

    private final EnvelopeCodec codec;
    private final MeterRegistry meters;

    InboundEnvelopes(EnvelopeCodec codec, MeterRegistry meters) {
        this.codec = codec;
        this.meters = meters;
    }

    /** Decodes the record's value; empty when it is not a valid meshfleet envelope. */
    public Optional<Envelope> decode(ConsumerRecord<String, byte[]> record) {
        try {
            Envelope envelope = codec.decode(record.value());
            meters.counter("meshfleet.messages.received", "topic", record.topic(), "type", envelope.type()).increment();
            return Optional.of(envelope);
        } catch (UndecodableMessageException e) {
            meters.counter("meshfleet.messages.undecodable", "topic", record.topic(), "reason", e.reason().name())
                    .increment();
            LOG.warnf("skipped undecodable record %s-%d@%d: %s (%s)",
                    record.topic(), record.partition(), record.offset(), e.reason(), e.getMessage());
            return Optional.empty();
        }
    }
}
