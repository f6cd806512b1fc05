package io.meshfleet.system.stack;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.UndecodableMessageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Everything the services publish on some topics, read from the beginning by a thread of its own and decoded, so
 * that a system test can wait for an event and assert on all of them afterwards (for example: no command refused).
 * Records that are not envelopes are counted, not kept.
 */
public final class EnvelopeLog implements AutoCloseable {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final List<Envelope> envelopes = new ArrayList<>();
    private int undecodable;
    private volatile boolean closed;

    /** Starts reading {@code topics} from their beginning. */
    public EnvelopeLog(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "meshfleet-system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(topics);
        reader = new Thread(this::read, "envelope-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Envelope envelope = CODEC.decode(record.value());
                        synchronized (envelopes) {
                            envelopes.add(envelope);
                        }
                    } catch (UndecodableMessageException e) {
                        synchronized (envelopes) {
                            undecodable++;
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Every envelope read so far, in the order read. */
    public List<Envelope> all() {
        synchronized (envelopes) {
            return List.copyOf(envelopes);
        }
    }

    /** The envelopes read so far whose data is of {@code type} and matches {@code filter}. */
    public <T> List<T> data(Class<T> type, Predicate<T> filter) {
        return all().stream().map(Envelope::data).filter(type::isInstance).map(type::cast).filter(filter).toList();
    }

    /** The first envelope read whose data is of {@code type} and matches {@code filter}. */
    public <T> Optional<T> first(Class<T> type, Predicate<T> filter) {
        return data(type, filter).stream().findFirst();
    }

    /** Waits until an envelope whose data is of {@code type} matches {@code filter}; returns its data. */
    public <T> T await(Class<T> type, Predicate<T> filter, Duration timeout) {
        return Awaitility.await(type.getSimpleName()).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> first(type, filter), Optional::isPresent).orElseThrow();
    }

    /** Records that were not meshfleet envelopes. */
    public int undecodable() {
        synchronized (envelopes) {
            return undecodable;
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
