package io.meshfleet.messaging;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.UndecodableMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one way a meshfleet consumer processes a record: decode it, drop duplicates, run the handler
 * with bounded retries, and dead-letter whatever cannot be processed. It never throws, so a bad
 * record never stops a consumer and the partition keeps flowing; and it returns only when the
 * record is either processed or safely on the dead-letter topic, so acknowledging it loses nothing.
 */
@ApplicationScoped
public class InboundEnvelopes {

    /** Whether a consumer drops messages whose id it has processed before. */
    public enum Dedupe {
        /** Drop (and dead-letter as DUPLICATE) an id seen before, through {@link ProcessedMessages}. */
        BY_MESSAGE_ID,
        /** The handler is idempotent by other means (e.g. signed commands with their nonce guard). */
        NONE
    }

    private static final Logger LOG = Logger.getLogger(InboundEnvelopes.class);

    private final EnvelopeCodec codec;
    private final DeadLetters deadLetters;
    private final ProcessedMessages processed;
    private final UnitOfWork unitOfWork;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration retryBackoff;

    InboundEnvelopes(EnvelopeCodec codec, DeadLetters deadLetters, ProcessedMessages processed, UnitOfWork unitOfWork,
            MeterRegistry meters,
            @ConfigProperty(name = "meshfleet.messages.max-attempts", defaultValue = "3") int maxAttempts,
            @ConfigProperty(name = "meshfleet.messages.retry-backoff", defaultValue = "PT0.2S") Duration retryBackoff) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.unitOfWork = unitOfWork;
        this.meters = meters;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryBackoff = retryBackoff;
    }

    /**
     * The data of {@code envelope} as {@code type}; a message of another type is not for this
     * consumer and is dead-lettered as UNEXPECTED_TYPE.
     */
    public static <T> T dataAs(Envelope envelope, Class<T> type) {
        if (!type.isInstance(envelope.data())) {
            throw new DeadLetterException(DeadLetter.Reason.UNEXPECTED_TYPE,
                    envelope.type() + " is not taken from this topic by this consumer (expects "
                            + type.getSimpleName() + ")");
        }
        return type.cast(envelope.data());
    }

    /** Processes {@code record} for {@code consumer} (its channel name), deduplicating by message id. */
    public void process(String consumer, ConsumerRecord<String, byte[]> record, EnvelopeHandler handler) {
        process(consumer, record, Dedupe.BY_MESSAGE_ID, handler);
    }

    /** Processes {@code record} for {@code consumer} (its channel name). */
    public void process(String consumer, ConsumerRecord<String, byte[]> record, Dedupe dedupe,
            EnvelopeHandler handler) {
        Envelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (UndecodableMessageException e) {
            deadLetters.send(consumer, record, DeadLetter.Reason.of(e.reason()), e.getMessage());
            return;
        }
        meters.counter("meshfleet.messages.received", "consumer", consumer, "type", envelope.type()).increment();
        for (int attempt = 1; ; attempt++) {
            try {
                if (attemptOnce(consumer, envelope, dedupe, handler)) {
                    deadLetters.send(consumer, record, DeadLetter.Reason.DUPLICATE,
                            "message " + envelope.id() + " was already processed by " + consumer);
                }
                return;
            } catch (DeadLetterException e) {
                deadLetters.send(consumer, record, e.reason(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                Throwable cause = e instanceof HandlerFailure ? e.getCause() : e;
                if (attempt >= maxAttempts) {
                    deadLetters.send(consumer, record, DeadLetter.Reason.PROCESSING_FAILED,
                            "failed " + attempt + " attempts, last: " + cause);
                    return;
                }
                LOG.warnf("attempt %d of %d to process %s %s failed: %s", attempt, maxAttempts, envelope.type(),
                        envelope.id(), cause);
                backOff(attempt);
            }
        }
    }

    /** One attempt in its own unit of work; true when the message was a duplicate. */
    private boolean attemptOnce(String consumer, Envelope envelope, Dedupe dedupe, EnvelopeHandler handler) {
        boolean[] duplicate = {false};
        unitOfWork.run(() -> {
            if (dedupe == Dedupe.BY_MESSAGE_ID && processed.contains(consumer, envelope.id())) {
                duplicate[0] = true;
                return;
            }
            try {
                handler.handle(envelope);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new HandlerFailure(e);
            }
            if (dedupe == Dedupe.BY_MESSAGE_ID) {
                processed.add(consumer, envelope.id());
            }
        });
        return duplicate[0];
    }

    private void backOff(int attempt) {
        try {
            // A retry backoff on the consumer's worker thread, not test synchronisation: the next
            // attempt should give a briefly unavailable dependency (the database) time to return.
            TimeUnit.MILLISECONDS.sleep(retryBackoff.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Carries a checked exception of a handler through the unit of work. */
    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Exception cause) {
            super(cause);
        }
    }
}
