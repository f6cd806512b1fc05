package io.meshfleet.sim.controllers;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's one small thread pool: every controller of every cluster runs on it, and a simulated delay d runs after
 * d / timeScale of real time. A thousand clusters cost a few threads, not a thousand.
 */
public final class TimeScaledScheduler implements Scheduler, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TimeScaledScheduler.class.getName());

    private final Clock clock;
    private final double timeScale;
    private final ScheduledThreadPoolExecutor pool;

    /**
     * A scheduler with its own threads.
     *
     * @param clock     the clock controllers read (the API server's)
     * @param timeScale simulated seconds per real second (at least 1 in scenarios; any positive value works)
     * @param threads   pool size; the whole fleet shares it
     */
    public TimeScaledScheduler(Clock clock, double timeScale, int threads) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a positive number: " + timeScale);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.clock = clock;
        this.timeScale = timeScale;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "fleet-sim-controllers-" + count.incrementAndGet());
            // Daemon threads: a launcher or a test that forgets close() must still be able to exit.
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ScheduledThreadPoolExecutor(threads, factory);
        // Cancelled pod timers would otherwise stay in the queue until their (possibly distant) deadline.
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double timeScale() {
        return timeScale;
    }

    @Override
    public void execute(Runnable task) {
        if (!pool.isShutdown()) {
            pool.execute(guarded(task));
        }
    }

    @Override
    public Timer schedule(Duration simulatedDelay, Runnable task) {
        if (pool.isShutdown()) {
            return Timer.NONE;
        }
        long nanos = toReal(simulatedDelay).toNanos();
        ScheduledFuture<?> future = pool.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Timers waiting in the pool (pods in transition, crash loops, progress deadlines). */
    public int pendingTimers() {
        return pool.getQueue().size();
    }

    /** Stops the threads; pending timers are dropped. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "controller threads did not stop within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // A future would swallow the failure silently; a controller bug must at least be visible.
                LOG.log(Level.WARNING, "a simulated controller task failed", e);
            }
        };
    }
}
