package io.meshfleet.agent.model;

import java.util.Objects;

/**
 * A PodDisruptionBudget as read from the cluster.
 *
 * @param namespace          its namespace
 * @param name               its name
 * @param selector           the pods it covers
 * @param disruptionsAllowed its {@code status.disruptionsAllowed}; 0 while the disruption controller has not
 *                           written a status yet (the safe reading: nothing may be disrupted)
 */
public record DisruptionBudgetObservation(String namespace, String name, PodSelector selector, int disruptionsAllowed) {

    public DisruptionBudgetObservation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        disruptionsAllowed = Math.max(0, disruptionsAllowed);
    }
}
