package io.meshfleet.messaging;

/**
 * The boundary one processing attempt runs in: a database transaction in services that keep state
 * in PostgreSQL, so that an attempt that fails leaves nothing behind; a plain call elsewhere.
 */
public interface UnitOfWork {

    /** Runs {@code work} as one unit; a runtime exception from it undoes the unit and propagates. */
    void run(Runnable work);
}
