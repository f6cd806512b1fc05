package io.meshfleet.orchestrator.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Folds many requests for a decision pass of the same plan into one. A pass reads the whole plan and the inventory
 * facts of every cluster in it, so its cost grows with the plan; one per state report made a plan over 1,000
 * clusters spend its time re-reading itself (about 50 reports a second while 100 clusters roll). Requests that
 * arrive within {@code delay} of the first one share a single pass that runs after the delay; a request made while
 * that pass runs gets a pass of its own afterwards, so the last report is always looked at.
 */
final class PassCoalescer {

    private final Duration delay;
    private final BiConsumer<Runnable, Duration> schedule;
    private final Consumer<String> pass;
    private final Set<String> requested = new LinkedHashSet<>();
    private boolean scheduled;

    /**
     * @param delay    how long requests gather before their pass
     * @param schedule runs a task once after a delay (a scheduled executor in the service, by hand in tests)
     * @param pass     one decision pass of a plan; a failure is the caller's to log, the other plans still pass
     */
    PassCoalescer(Duration delay, BiConsumer<Runnable, Duration> schedule, Consumer<String> pass) {
        this.delay = Objects.requireNonNull(delay);
        this.schedule = Objects.requireNonNull(schedule);
        this.pass = Objects.requireNonNull(pass);
    }

    /** Asks for a pass of {@code planId} soon. */
    void request(String planId) {
        boolean first;
        synchronized (this) {
            requested.add(planId);
            first = !scheduled;
            scheduled = true;
        }
        if (first) {
            schedule.accept(this::drain, delay);
        }
    }

    /** The plans waiting for a pass. */
    synchronized Set<String> pending() {
        return Set.copyOf(requested);
    }

    private void drain() {
        List<String> plans;
        synchronized (this) {
            plans = new ArrayList<>(requested);
            requested.clear();
            scheduled = false;
        }
        for (String planId : plans) {
            pass.accept(planId);
        }
    }
}
