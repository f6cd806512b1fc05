package io.meshfleet.messaging;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Copies a record that cannot be processed to its topic's dead-letter topic ({@code <topic>.dlq}):
 * key, value and headers unchanged, plus the {@link DeadLetter} headers saying why and from where.
 *
 * <p>{@link #send} returns only once the broker has acknowledged the copy, so the original may be
 * acknowledged afterwards without losing anything; while the broker is unreachable it keeps trying
 * (the consumer makes no progress then anyway).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final Emitter<byte[]> channel;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String service;

    DeadLetters(@Channel("dead-letters") Emitter<byte[]> channel, MeterRegistry meters, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.channel = channel;
        this.meters = meters;
        this.clock = clock;
        this.service = service;
    }

    /** Dead-letters {@code record}, read by {@code consumer}, because of {@code reason}. */
    public void send(String consumer, ConsumerRecord<String, byte[]> record, DeadLetter.Reason reason, String detail) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        put(headers, DeadLetter.REASON, reason.name());
        put(headers, DeadLetter.DETAIL, detail == null ? "" : detail);
        put(headers, DeadLetter.SOURCE_TOPIC, record.topic());
        put(headers, DeadLetter.SOURCE_PARTITION, Integer.toString(record.partition()));
        put(headers, DeadLetter.SOURCE_OFFSET, Long.toString(record.offset()));
        put(headers, DeadLetter.SERVICE, service);
        put(headers, DeadLetter.CONSUMER, consumer);
        put(headers, DeadLetter.TIME, clock.instant().toString());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(record.topic()))
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        // A tombstone (null value) is kept as an empty value; the detail says what it was.
        byte[] value = record.value() == null ? new byte[0] : record.value();

        LOG.warnf("dead-lettered %s-%d@%d (consumer %s): %s %s", record.topic(), record.partition(), record.offset(),
                consumer, reason, detail);
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            channel.send(Message.of(value, Metadata.of(metadata), () -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                acked.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
            try {
                acked.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                meters.counter(DeadLetterMeters.NAME, "consumer", consumer, "reason", reason.name())
                        .increment();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "-"
                        + record.partition() + "@" + record.offset(), e);
            } catch (ExecutionException | TimeoutException e) {
                LOG.errorf("attempt %d to dead-letter %s-%d@%d failed (%s); trying again", attempt, record.topic(),
                        record.partition(), record.offset(), e instanceof ExecutionException ? e.getCause() : e);
            }
        }
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
