package io.meshfleet.sim.controllers;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts reconciles queued or running across a fleet, so a caller can wait until the controllers have caught up
 * with everything written so far (the fleet is seeded when nothing is left to do). Waiting timers do not count.
 */
public final class ActivityTracker {

    private final AtomicLong pending = new AtomicLong();

    /** One more unit of work queued. */
    void begin() {
        pending.incrementAndGet();
    }

    /** One unit of work done. */
    void end() {
        if (pending.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Work queued or running now. */
    public long pending() {
        return pending.get();
    }

    /** Waits until no work is queued or running; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (pending.get() != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
