package io.meshfleet.roller.roll;

import io.meshfleet.events.ClusterState;
import io.meshfleet.roller.pacing.Pacer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every roll the roller runs, sharing one {@link Pacer}: a decision pass steps each unfinished roll on
 * its cluster's latest state, the rolls with the most pods left to restart first (ties in an order that
 * rotates every pass), so that no cluster is starved of the fleet's budget and all finish together. Pure and not thread-safe: the service runs it under one lock, the benchmark
 * on a simulated clock.
 */
public final class RollFleet {

    /** Identifies a roll: one plan on one cluster. */
    public record RollKey(String planId, String clusterId) {
    }

    /** The actions one pass decided for one roll. */
    public record Outcome(SidecarRoll roll, List<RollAction> actions) {
    }

    private final Pacer pacer;
    private final Map<RollKey, SidecarRoll> rolls = new LinkedHashMap<>();
    private int rotation;

    /** A fleet of rolls paced by {@code pacer}. */
    public RollFleet(Pacer pacer) {
        this.pacer = pacer;
    }

    /** The shared budgets. */
    public Pacer pacer() {
        return pacer;
    }

    /** The roll of a plan on a cluster, if known. */
    public Optional<SidecarRoll> roll(String planId, String clusterId) {
        return Optional.ofNullable(rolls.get(new RollKey(planId, clusterId)));
    }

    /** Every roll, finished ones included. */
    public Collection<SidecarRoll> rolls() {
        return Collections.unmodifiableCollection(rolls.values());
    }

    /** Adds a roll (a new one, or one rebuilt from storage). */
    public void add(SidecarRoll roll) {
        RollKey key = new RollKey(roll.planId(), roll.clusterId());
        if (rolls.putIfAbsent(key, roll) != null) {
            throw new IllegalStateException("roll " + key + " is already known");
        }
    }

    /** Forgets a finished roll. */
    public void remove(SidecarRoll roll) {
        rolls.remove(new RollKey(roll.planId(), roll.clusterId()));
    }

    /** One decision pass over every unfinished roll at {@code now}; outcomes without actions are left out. */
    public List<Outcome> step(Function<String, Optional<ClusterState>> states, Instant now) {
        pacer.beginPass();
        List<SidecarRoll> active = new ArrayList<>(rolls.values().stream().filter(r -> !r.status().isFinal()).toList());
        Map<SidecarRoll, ClusterState> observed = new HashMap<>();
        Map<SidecarRoll, Integer> left = new HashMap<>();
        for (SidecarRoll roll : active) {
            ClusterState state = states.apply(roll.clusterId()).orElse(null);
            observed.put(roll, state);
            left.put(roll, roll.podsToRestart(state));
        }
        if (!active.isEmpty()) {
            Collections.rotate(active, -(rotation++ % active.size()));
            // Most work left first (stable: ties keep the rotated order), so that under a fleet limit the
            // clusters finish together rather than the last ones alone at their own cluster limit.
            active.sort(Comparator.comparing(left::get, Comparator.reverseOrder()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (SidecarRoll roll : active) {
            List<RollAction> actions = roll.step(observed.get(roll), now, pacer);
            if (!actions.isEmpty()) {
                outcomes.add(new Outcome(roll, actions));
            }
        }
        pacer.forgetIdle(now);
        return outcomes;
    }
}
