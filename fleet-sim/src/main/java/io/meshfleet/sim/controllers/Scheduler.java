package io.meshfleet.sim.controllers;

import java.time.Clock;
import java.time.Duration;

/**
 * When the controllers of a fleet run: now, or after a delay in simulated time, on threads shared by every cluster.
 * {@link TimeScaledScheduler} is the real one; tests may drive a virtual-time implementation.
 */
public interface Scheduler {

    /** The clock controllers stamp and compare times with (the API server's clock). */
    Clock clock();

    /** Simulated seconds per real second. */
    double timeScale();

    /** Runs the task soon, on one of the shared threads. */
    void execute(Runnable task);

    /** Runs the task once {@code simulatedDelay} of simulated time has passed. */
    Timer schedule(Duration simulatedDelay, Runnable task);

    /** The real duration of a simulated one: {@code simulated / timeScale}. */
    default Duration toReal(Duration simulated) {
        if (simulated.isZero() || simulated.isNegative()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(1, (long) (simulated.toNanos() / timeScale())));
    }

    /** A scheduled task; cancelling one that already ran does nothing. */
    @FunctionalInterface
    interface Timer {

        /** Does nothing. */
        Timer NONE = () -> { };

        /** Prevents the task from running if it has not started. */
        void cancel();
    }
}
