package io.meshfleet.messaging;

/**
 * Remembers which message ids a consumer has processed, so a redelivered or duplicated message
 * changes nothing. Both calls run inside the same {@link UnitOfWork} as the handler, so a durable
 * implementation records the id in the same transaction as the handler's effects.
 */
public interface ProcessedMessages {

    /** Whether {@code consumer} already processed {@code messageId}. */
    boolean contains(String consumer, String messageId);

    /** Records that {@code consumer} processed {@code messageId}. */
    void add(String consumer, String messageId);
}
