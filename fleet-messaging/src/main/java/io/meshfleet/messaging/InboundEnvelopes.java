package io.meshfleet.messaging;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.UndecodableMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one way a meshfleet consumer processes a record: decode it, drop duplicates, run the handler
 * with bounded retries, and dead-letter whatever cannot be processed. It never throws, so a bad
 * record never stops a consumer and the partition keeps flowing; and it returns only when the
 * record is either processed or safely on the dead-letter topic, so acknowledging it loses nothing.
 *
 * <p>Two kinds of failure are retried differently. A failure of the message (any exception) gets
 * {@code meshfleet.messages.max-attempts} attempts with doubling backoff from
 * {@code meshfleet.messages.retry-backoff}. A transient infrastructure failure ({@link TransientFailures}: the
 * database restarting, unreachable, out of connections) is no fault of the message: nothing can be processed until
 * the database is back, so it is retried with the same backoff doubling up to
 * {@code meshfleet.messages.transient-backoff-max} (default 5 s), without counting against max-attempts, for as
 * long as {@code meshfleet.messages.transient-retry-for} (default 2 minutes, measured on the injected clock from
 * the first transient failure of the record); only then is it dead-lettered, saying how long the database was
 * unavailable. The budget must stay below the Kafka connector's
 * {@code throttled.unprocessed-record-max-age.ms}, which fleet-messaging raises to 5 minutes (see its
 * microprofile-config.properties): a record unacknowledged for longer makes the connector close the channel.
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

    /** Counts retries after a transient failure, per consumer; registered at zero by {@link DeadLetterMeters}. */
    public static final String TRANSIENT_RETRIES = "meshfleet.messages.transient.retries";

    private static final Logger LOG = Logger.getLogger(InboundEnvelopes.class);

    private final EnvelopeCodec codec;
    private final DeadLetters deadLetters;
    private final ProcessedMessages processed;
    private final UnitOfWork unitOfWork;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Clock clock;
    private final Duration transientRetryFor;
    private final Duration transientBackoffMax;

    InboundEnvelopes(EnvelopeCodec codec, DeadLetters deadLetters, ProcessedMessages processed, UnitOfWork unitOfWork,
            MeterRegistry meters, Clock clock,
            @ConfigProperty(name = "meshfleet.messages.max-attempts", defaultValue = "3") int maxAttempts,
            @ConfigProperty(name = "meshfleet.messages.retry-backoff", defaultValue = "PT0.2S") Duration retryBackoff,
            @ConfigProperty(name = "meshfleet.messages.transient-retry-for", defaultValue = "PT2M")
            Duration transientRetryFor,
            @ConfigProperty(name = "meshfleet.messages.transient-backoff-max", defaultValue = "PT5S")
            Duration transientBackoffMax) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.unitOfWork = unitOfWork;
        this.meters = meters;
        this.clock = clock;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryBackoff = retryBackoff;
        this.transientRetryFor = transientRetryFor;
        this.transientBackoffMax = transientBackoffMax;
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
        int attempt = 0;
        int transientAttempt = 0;
        Instant unavailableSince = null;
        while (true) {
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
                Optional<Throwable> transientCause = TransientFailures.transientCause(cause);
                if (transientCause.isPresent()) {
                    Instant now = clock.instant();
                    unavailableSince = unavailableSince == null ? now : unavailableSince;
                    transientAttempt++;
                    Duration unavailable = Duration.between(unavailableSince, now);
                    String summary = TransientFailures.summary(transientCause.get());
                    if (unavailable.compareTo(transientRetryFor) >= 0) {
                        deadLetters.send(consumer, record, DeadLetter.Reason.PROCESSING_FAILED,
                                "the database was unavailable for " + seconds(unavailable) + " s (" + transientAttempt
                                        + " attempts, meshfleet.messages.transient-retry-for " + transientRetryFor
                                        + "), last: " + summary);
                        return;
                    }
                    meters.counter(TRANSIENT_RETRIES, "consumer", consumer).increment();
                    Duration backoff = transientBackoff(transientAttempt);
                    LOG.warnf("attempt %d to process %s %s (consumer %s) failed transiently, database unavailable for"
                            + " %s s, retrying in %s s: %s", transientAttempt, envelope.type(), envelope.id(), consumer,
                            seconds(unavailable), seconds(backoff), summary);
                    pause(backoff);
                    continue;
                }
                attempt++;
                if (attempt >= maxAttempts) {
                    deadLetters.send(consumer, record, DeadLetter.Reason.PROCESSING_FAILED,
                            "failed " + attempt + " attempts, last: " + cause);
                    return;
                }
                LOG.warnf("attempt %d of %d to process %s %s failed: %s", attempt, maxAttempts, envelope.type(),
                        envelope.id(), cause);
                pause(doubling(attempt));
            }
        }
    }

    /** The n-th backoff of a failure of the message: {@code retry-backoff} doubled n-1 times. */
    private Duration doubling(int attempt) {
        return retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }

    /** The n-th backoff of a transient failure: doubling, capped at {@code transient-backoff-max}. */
    Duration transientBackoff(int attempt) {
        Duration backoff = doubling(attempt);
        return backoff.compareTo(transientBackoffMax) > 0 ? transientBackoffMax : backoff;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
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

    private void pause(Duration backoff) {
        try {
            // A retry backoff on the consumer's worker thread, not test synchronisation: the next
            // attempt should give a briefly unavailable dependency (the database) time to return.
            TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
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
