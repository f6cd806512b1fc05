package io.meshfleet.events;

/** The outcome of one preflight check. */
public enum PreflightStatus {
    /** Nothing in the way. */
    PASS,
    /** The install can proceed, but a person should read the message (e.g. a feature the target lacks). */
    WARN,
    /** The install must not proceed on this cluster. */
    FAIL
}
