package io.meshfleet.orchestrator.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest sidecar progress of every namespace of the recent plans, from sidecar-roller's
 * {@code NamespaceProgress} events, with the current convergence rate: pods converged per minute over about the
 * last {@link #RATE_WINDOW} (from the newest sample at or before its start). Held in memory (the orchestrator's own
 * state has no per-namespace progress); bounded to the {@code maxPlans} plans that reported last. Thread-safe.
 */
public final class ProgressLedger {

    /** The rate is measured over the samples of this long. */
    public static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    /**
     * One namespace's bar.
     *
     * @param namespace     the namespace
     * @param restarted     pods restarted so far
     * @param converged     pods ready with their sidecar at the target
     * @param total         pods in the namespace
     * @param etaSeconds    the roller's estimate of the seconds left
     * @param podsPerMinute pods converged per minute lately, or null before two samples
     * @param at            when the last event arrived
     */
    public record NamespaceBar(String namespace, int restarted, int converged, int total, long etaSeconds,
                               Double podsPerMinute, Instant at) {

        /** Converged share in whole percent (100 for an empty namespace). */
        public int percent() {
            return total == 0 ? 100 : (int) Math.min(100, Math.floor(100.0 * converged / total));
        }

        /** Whether every pod converged. */
        public boolean done() {
            return converged >= total;
        }

        /** The rate for people. */
        public String rateText() {
            return Texts.rate(podsPerMinute);
        }

        /** The ETA for people. */
        public String etaText() {
            return done() ? "done" : "ETA " + Texts.duration(etaSeconds);
        }
    }

    private record Sample(Instant at, int converged) {
    }

    private static final class Track {
        final Deque<Sample> samples = new ArrayDeque<>();
        NamespaceBar latest;
    }

    private final int maxPlans;
    // plan -> cluster -> namespace; access order so that the plans reported last stay.
    private final LinkedHashMap<String, Map<String, Map<String, Track>>> plans = new LinkedHashMap<>(16, 0.75f, true);

    /** A ledger that keeps the namespaces of at most {@code maxPlans} plans. */
    public ProgressLedger(int maxPlans) {
        if (maxPlans < 1) {
            throw new IllegalArgumentException("maxPlans must be at least 1, was " + maxPlans);
        }
        this.maxPlans = maxPlans;
    }

    /** Records one progress event received at {@code at}; false when it changes nothing shown. */
    public synchronized boolean record(String planId, String clusterId, String namespace, int restarted, int converged,
                                       int total, long etaSeconds, Instant at) {
        Track track = plans.computeIfAbsent(planId, p -> new TreeMap<>())
                .computeIfAbsent(clusterId, c -> new TreeMap<>())
                .computeIfAbsent(namespace, n -> new Track());
        if (plans.size() > maxPlans) {
            plans.remove(plans.keySet().iterator().next());
        }
        NamespaceBar before = track.latest;
        if (before != null && at.isBefore(before.at())) {
            return false; // an older event (redelivered after a restart) never overwrites a newer one
        }
        track.samples.addLast(new Sample(at, converged));
        // Keep the newest sample at or before the window's start, so the rate spans the whole window when it can.
        Instant windowStart = at.minus(RATE_WINDOW);
        while (track.samples.size() > 2 && !second(track.samples).at().isAfter(windowStart)) {
            track.samples.removeFirst();
        }
        track.latest = new NamespaceBar(namespace, restarted, converged, total, etaSeconds, rate(track.samples), at);
        return before == null || before.restarted() != restarted || before.converged() != converged
                || before.total() != total || before.etaSeconds() != etaSeconds;
    }

    /** The bars of plan {@code planId}: cluster id to its namespaces by name; empty when none reported. */
    public synchronized Map<String, List<NamespaceBar>> forPlan(String planId) {
        Map<String, Map<String, Track>> clusters = plans.get(planId);
        Map<String, List<NamespaceBar>> bars = new TreeMap<>();
        if (clusters != null) {
            clusters.forEach((cluster, namespaces) -> {
                List<NamespaceBar> list = new ArrayList<>();
                namespaces.values().forEach(t -> list.add(t.latest));
                list.sort(Comparator.comparing(NamespaceBar::namespace));
                bars.put(cluster, List.copyOf(list));
            });
        }
        return bars;
    }

    private static Sample second(Deque<Sample> samples) {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    private static Double rate(Deque<Sample> samples) {
        if (samples.size() < 2) {
            return null;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long millis = Duration.between(first.at(), last.at()).toMillis();
        if (millis <= 0) {
            return null;
        }
        return Math.max(0, last.converged() - first.converged()) * 60_000.0 / millis;
    }
}
