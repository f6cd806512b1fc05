package io.meshfleet.fleetctl.deadletters;

/** Kafka could not be reached or stopped answering; the message says what to check. */
public final class KafkaUnavailableException extends Exception {

    /** An exception whose message is shown to the user as is. */
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
