package io.meshfleet.messaging;

import io.meshfleet.events.Envelope;

/**
 * What a consumer does with one decoded envelope. Throwing {@link DeadLetterException} dead-letters
 * the record at once; any other exception is retried, then dead-lettered as PROCESSING_FAILED.
 */
@FunctionalInterface
public interface EnvelopeHandler {

    void handle(Envelope envelope) throws Exception;
}
