package io.meshfleet.sim.controllers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment controller's rolling-update arithmetic (kubernetes/pkg/controller/deployment/rolling.go), as a pure
 * decision: given the ReplicaSets now, the replica count each should be scaled to. Surge rounds up, unavailability
 * rounds down, and when both are 0 one pod may be unavailable, exactly as upstream.
 */
final class RollingUpdate {

    /**
     * One ReplicaSet as the decision sees it.
     *
     * @param name      its name
     * @param replicas  {@code spec.replicas}
     * @param available {@code status.availableReplicas}
     */
    record ReplicaSetState(String name, int replicas, int available) {
    }

    /**
     * The limits of a rollout.
     *
     * @param replicas       the Deployment's desired replicas
     * @param maxSurge       pods above {@code replicas} allowed during the rollout
     * @param maxUnavailable pods below {@code replicas} allowed during the rollout
     */
    record Limits(int replicas, int maxSurge, int maxUnavailable) {

        /** Resolves the int-or-percent fields against replicas. */
        static Limits of(int replicas, com.fasterxml.jackson.databind.JsonNode rollingUpdate) {
            int surge = IntOrPercent.scaled(rollingUpdate.get("maxSurge"), "25%", replicas, true);
            int unavailable = IntOrPercent.scaled(rollingUpdate.get("maxUnavailable"), "25%", replicas, false);
            if (surge == 0 && unavailable == 0) {
                unavailable = 1;
            }
            return new Limits(replicas, surge, unavailable);
        }
    }

    private RollingUpdate() {
    }

    /**
     * The replicas each ReplicaSet should have next (only those that change). Old ReplicaSets are given oldest
     * first; unhealthy old pods are cleaned up before healthy ones are scaled down.
     */
    static Map<String, Integer> plan(Limits limits, ReplicaSetState newSet, List<ReplicaSetState> oldSets) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        int oldTotal = 0;
        for (ReplicaSetState old : oldSets) {
            oldTotal += old.replicas();
        }
        int newTarget = newReplicas(limits, newSet.replicas(), oldTotal);
        if (newTarget != newSet.replicas()) {
            targets.put(newSet.name(), newTarget);
        }
        int allPods = oldTotal + newTarget;
        int minAvailable = limits.replicas() - limits.maxUnavailable();
        int newUnavailable = Math.max(0, newTarget - newSet.available());
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0 || oldTotal == 0) {
            return targets;
        }
        List<ReplicaSetState> olds = new ArrayList<>(oldSets);
        int cleaned = 0;
        for (int i = 0; i < olds.size() && cleaned < maxScaledDown; i++) {
            ReplicaSetState old = olds.get(i);
            int unhealthy = old.replicas() - old.available();
            if (unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            cleaned += down;
            olds.set(i, new ReplicaSetState(old.name(), old.replicas() - down, old.available()));
        }
        int available = newSet.available();
        for (ReplicaSetState old : olds) {
            available += old.available();
        }
        int budget = available - minAvailable;
        for (int i = 0; i < olds.size() && budget > 0; i++) {
            ReplicaSetState old = olds.get(i);
            int down = Math.min(old.replicas(), budget);
            budget -= down;
            olds.set(i, new ReplicaSetState(old.name(), old.replicas() - down, old.available()));
        }
        for (int i = 0; i < olds.size(); i++) {
            if (olds.get(i).replicas() != oldSets.get(i).replicas()) {
                targets.put(olds.get(i).name(), olds.get(i).replicas());
            }
        }
        return targets;
    }

    /** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
    static int newReplicas(Limits limits, int current, int oldTotal) {
        if (oldTotal == 0 || current >= limits.replicas()) {
            return limits.replicas();
        }
        int maxTotal = limits.replicas() + limits.maxSurge();
        int currentTotal = oldTotal + current;
        if (currentTotal >= maxTotal) {
            return current;
        }
        return current + Math.min(maxTotal - currentTotal, limits.replicas() - current);
    }
}
