package io.meshfleet.sim.controllers;

import io.meshfleet.sim.store.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A scheduler in virtual time for deterministic controller tests: tasks run on the test's thread when it calls
 * {@link #runUntilIdle()} or {@link #advance(Duration)}, and the clock moves only by advancing (time scale 1).
 */
final class ManualScheduler implements Scheduler {

    private record Task(long due, long sequence, Runnable body, boolean[] cancelled) {
    }

    private final MutableClock clock;
    private final Instant start;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Task> timers = new PriorityQueue<>((a, b) -> a.due() != b.due()
            ? Long.compare(a.due(), b.due()) : Long.compare(a.sequence(), b.sequence()));
    private long sequence;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double timeScale() {
        return 1;
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public synchronized Timer schedule(Duration simulatedDelay, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Task(now() + Math.max(0, simulatedDelay.toNanos()), sequence++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs everything runnable now (and what that makes runnable), without moving time. */
    void runUntilIdle() {
        for (int i = 0; i < 1_000_000; i++) {
            Runnable next;
            synchronized (this) {
                next = ready.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
        throw new AssertionError("the controllers never settle (a reconcile loop?)");
    }

    /** Moves time forward, running each timer at its due time. */
    void advance(Duration duration) {
        long target = now() + duration.toNanos();
        runUntilIdle();
        while (true) {
            Task task;
            synchronized (this) {
                task = timers.peek();
                if (task == null || task.due() > target) {
                    break;
                }
                timers.poll();
            }
            moveTo(task.due());
            if (!task.cancelled()[0]) {
                task.body().run();
            }
            runUntilIdle();
        }
        moveTo(target);
        runUntilIdle();
    }

    /** Live timers. */
    synchronized int pendingTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled()[0]).count();
    }

    private long now() {
        return Duration.between(start, clock.instant()).toNanos();
    }

    private void moveTo(long nanos) {
        long delta = nanos - now();
        if (delta > 0) {
            clock.advance(Duration.ofNanos(delta));
        }
    }
}
