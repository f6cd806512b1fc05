package io.meshfleet.messaging.testing;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.stack.probe.KafkaProbe;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The service tests' side of the real broker started by {@link KafkaTestResource}: publishes
 * envelopes as an agent or the orchestrator would, and waits for the service's answers.
 */
public final class TestKafka {

    /** The codec tests encode and decode with, with the services' default limits. */
    public static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static KafkaProbe probe;

    private TestKafka() {
    }

    /** One client per test JVM, closed when the JVM exits; it reconnects by itself across broker restarts. */
    public static synchronized KafkaProbe probe() {
        if (probe == null) {
            KafkaProbe created = new KafkaProbe(KafkaTestResource.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "test-kafka-close"));
            probe = created;
        }
        return probe;
    }

    /** Publishes {@code envelope} on its topic with its key and waits for the broker's acknowledgement. */
    public static RecordMetadata publish(Envelope envelope) {
        return probe().send(envelope.topic(), envelope.key(), CODEC.encode(envelope));
    }

    /** Publishes raw bytes, e.g. a poison record, on {@code topic}. */
    public static RecordMetadata publish(String topic, String key, byte[] value) {
        return probe().send(topic, key, value);
    }

    /** Reads {@code topic} from the start until an envelope matches; returns that envelope. */
    public static Envelope awaitEnvelope(String topic, Predicate<Envelope> match) {
        List<ConsumerRecord<String, byte[]>> read = probe().readUntil(topic,
                record -> match.test(CODEC.decode(record.value())), ANSWER_TIMEOUT);
        return CODEC.decode(read.get(read.size() - 1).value());
    }

    /** The first envelope on {@code topic} that answers {@code request} (its correlation id is the request's id). */
    public static Envelope awaitAnswer(String topic, Envelope request) {
        return awaitEnvelope(topic, envelope -> request.id().equals(envelope.correlationId()));
    }
}
