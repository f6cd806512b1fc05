package io.meshfleet.events;

import java.util.Objects;

/**
 * A record could not be decoded into an {@link Envelope}; its {@link #reason()} decides the dead-letter
 * handling and its message says what was wrong, for a person.
 */
public final class UndecodableMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The machine-readable cause; none of them goes away by reading the same bytes again. */
    public enum Reason {
        /** Not JSON, not a single JSON object, or with duplicate keys. */
        MALFORMED_JSON,
        /** A {@code type} no registered message has. */
        UNKNOWN_TYPE,
        /** A required attribute or data field is missing, has the wrong JSON type, or an invalid value. */
        INVALID_FIELDS,
        /** A {@code specversion} or {@code dataversion} this code does not speak. */
        UNSUPPORTED_VERSION,
        /** Larger than the decoder's size limit. */
        OVERSIZED
    }

    private final Reason reason;

    public UndecodableMessageException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason is required");
    }

    public UndecodableMessageException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason is required");
    }

    /** Why the record could not be decoded. */
    public Reason reason() {
        return reason;
    }
}
