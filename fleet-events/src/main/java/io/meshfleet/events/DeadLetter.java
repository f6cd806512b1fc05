package io.meshfleet.events;

/**
 * The contract of dead letters: a record a consumer could not or must not process is copied, key,
 * value and headers unchanged, to {@link Topics#deadLetter(String) its topic's dead-letter topic},
 * with these headers added (UTF-8 strings) saying why and where it came from.
 */
public final class DeadLetter {

    /** Header: a {@link Reason} name. */
    public static final String REASON = "meshfleet.dlq.reason";
    /** Header: what was wrong, for a person. */
    public static final String DETAIL = "meshfleet.dlq.detail";
    /** Header: the topic the record was read from. */
    public static final String SOURCE_TOPIC = "meshfleet.dlq.source.topic";
    /** Header: the partition it was read from. */
    public static final String SOURCE_PARTITION = "meshfleet.dlq.source.partition";
    /** Header: its offset there. */
    public static final String SOURCE_OFFSET = "meshfleet.dlq.source.offset";
    /** Header: the service that refused it (its {@code quarkus.application.name}). */
    public static final String SERVICE = "meshfleet.dlq.service";
    /** Header: the consumer (channel) within the service. */
    public static final String CONSUMER = "meshfleet.dlq.consumer";
    /** Header: when it was dead-lettered, ISO-8601. */
    public static final String TIME = "meshfleet.dlq.time";

    /** Why a record was dead-lettered. */
    public enum Reason {
        /** Not JSON, not one JSON object, or with duplicate keys. */
        MALFORMED_JSON,
        /** A {@code type} no registered message has. */
        UNKNOWN_TYPE,
        /** A required field is missing, of the wrong JSON type, or invalid. */
        INVALID_FIELDS,
        /** A {@code specversion} or {@code dataversion} the consumer does not speak. */
        UNSUPPORTED_VERSION,
        /** Larger than the consumer's size limit. */
        OVERSIZED,
        /** A valid message of a type this consumer does not take from this topic. */
        UNEXPECTED_TYPE,
        /** A message whose addressee contradicts itself, e.g. a command signed for another cluster. */
        MISADDRESSED,
        /** A message id already processed: a redelivery or a duplicate publish. */
        DUPLICATE,
        /** Processing failed on every attempt; the detail carries the last error. */
        PROCESSING_FAILED;

        /** The dead-letter reason of a record that did not decode. */
        public static Reason of(UndecodableMessageException.Reason undecodable) {
            return valueOf(undecodable.name());
        }
    }

    private DeadLetter() {
    }
}
