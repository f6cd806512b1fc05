package io.meshfleet.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Folds many requests for a decision pass of the same subject into one. The services run a decision pass when an
 * agent's state report comes in, and a pass costs in proportion to what it decides over: the orchestrator's pass of a
 * plan reads the whole plan, the roller's pass steps every unfinished roll. One pass per report made both spend their
 * time repeating themselves at fleet scale (about 50 reports a second while 100 clusters roll). Requests that arrive
 * within {@code delay} of the first one share a single pass per subject that runs after the delay; a request made
 * while that pass runs gets a pass of its own afterwards, so the last report is always looked at.
 *
 * <p>The passes run on whatever {@code schedule} runs them on; {@link #onOwnThread} gives the coalescer a thread of
 * its own, which keeps them one at a time, and {@link #close()} stops it.
 */
public final class PassCoalescer implements AutoCloseable {

    private final Duration delay;
    private final BiConsumer<Runnable, Duration> schedule;
    private final Consumer<String> pass;
    private final ScheduledExecutorService owned;
    private final Set<String> requested = new LinkedHashSet<>();
    private boolean scheduled;

    /**
     * @param delay    how long requests gather before their pass
     * @param schedule runs a task once after a delay (by hand in tests)
     * @param pass     one decision pass of a subject (a plan, say); it should not throw: a failure is the caller's to
     *                 log
     */
    public PassCoalescer(Duration delay, BiConsumer<Runnable, Duration> schedule, Consumer<String> pass) {
        this(delay, schedule, pass, null);
    }

    private PassCoalescer(Duration delay, BiConsumer<Runnable, Duration> schedule, Consumer<String> pass,
                          ScheduledExecutorService owned) {
        this.delay = Objects.requireNonNull(delay);
        this.schedule = Objects.requireNonNull(schedule);
        this.pass = Objects.requireNonNull(pass);
        this.owned = owned;
    }

    /**
     * A coalescer whose passes run on a daemon thread of its own named {@code threadName}. A pass due while the thread
     * is shutting down is dropped: the service is stopping, and its next start passes anyway.
     */
    public static PassCoalescer onOwnThread(String threadName, Duration delay, Consumer<String> pass) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        return new PassCoalescer(delay, (task, wait) -> {
            try {
                thread.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }, pass, thread);
    }

    /** Stops the coalescer's own thread, if it has one ({@link #onOwnThread}); passes not yet run are dropped. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }

    /** Asks for a pass of {@code subject} soon. */
    public void request(String subject) {
        boolean first;
        synchronized (this) {
            requested.add(subject);
            first = !scheduled;
            scheduled = true;
        }
        if (first) {
            schedule.accept(this::drain, delay);
        }
    }

    /** The subjects waiting for a pass. */
    public synchronized Set<String> pending() {
        return Set.copyOf(requested);
    }

    private void drain() {
        List<String> subjects;
        synchronized (this) {
            subjects = new ArrayList<>(requested);
            requested.clear();
            scheduled = false;
        }
        for (String subject : subjects) {
            pass.accept(subject);
        }
    }
}
