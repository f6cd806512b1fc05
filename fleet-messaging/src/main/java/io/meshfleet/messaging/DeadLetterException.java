package io.meshfleet.messaging;

import io.meshfleet.events.DeadLetter;
import java.util.Objects;

/**
 * Thrown by an {@link EnvelopeHandler} for a message it must not process (a type it does not take,
 * a contradictory address): the record goes to the dead-letter topic at once, without retries.
 */
public final class DeadLetterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DeadLetter.Reason reason;

    public DeadLetterException(DeadLetter.Reason reason, String detail) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason is required");
    }

    /** Why the message is dead-lettered. */
    public DeadLetter.Reason reason() {
        return reason;
    }
}
