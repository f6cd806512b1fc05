package io.meshfleet.fleetctl.api;

import java.time.Duration;

/**
 * How a command waits between two polls of a service. The real one sleeps; tests pass one that advances a clock or
 * the stand-in service's state, so no test waits for real time.
 */
@FunctionalInterface
public interface Pause {

    /** The real pause: the calling thread sleeps for the duration (polling a remote service, not synchronising threads). */
    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    /** Waits {@code duration}. */
    void pause(Duration duration) throws InterruptedException;
}
