package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Whether a PodDisruptionBudget allows evicting one more pod, computed live from the pods it selects. Evictions use it
 * directly; the simulated disruption controller ({@code DisruptionBudgetController}) writes the same numbers into
 * the budget's {@code status}.
 *
 * @param name the budget's name
 * @param expectedPods pods the budget selects (not terminating)
 * @param currentHealthy of those, pods with condition Ready=True
 * @param desiredHealthy the healthy pods the budget requires
 */
public record DisruptionBudget(String name, int expectedPods, int currentHealthy, int desiredHealthy) {

    /** Evaluates a budget over the non-terminating pods it selects. */
    public static DisruptionBudget evaluate(JsonNode pdb, List<JsonNode> selectedPods) {
        int expected = selectedPods.size();
        int healthy = 0;
        for (JsonNode pod : selectedPods) {
            if (healthy(pod)) {
                healthy++;
            }
        }
        JsonNode spec = pdb.path("spec");
        int desired;
        if (spec.hasNonNull("maxUnavailable")) {
            desired = Math.max(0, expected - scaled(spec.get("maxUnavailable"), expected));
        } else if (spec.hasNonNull("minAvailable")) {
            desired = scaled(spec.get("minAvailable"), expected);
        } else {
            desired = Math.min(1, expected);
        }
        return new DisruptionBudget(pdb.path("metadata").path("name").asText(), expected, healthy, desired);
    }

    /** Ready, as the disruption controller counts healthy pods. */
    public static boolean healthy(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** An int-or-percent, percentages rounded up as the disruption controller does. */
    static int scaled(JsonNode intOrPercent, int total) {
        if (intOrPercent.isNumber()) {
            return intOrPercent.asInt();
        }
        String text = intOrPercent.asText().trim();
        if (text.endsWith("%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(total * percent / 100.0);
        }
        return Integer.parseInt(text);
    }

    /** {@code currentHealthy - desiredHealthy}, never negative. */
    public int disruptionsAllowed() {
        return Math.max(0, currentHealthy - desiredHealthy);
    }

    /** Whether evicting this pod keeps the budget (an unhealthy pod may go while the budget is met). */
    public boolean allowsEviction(JsonNode pod) {
        if (!healthy(pod)) {
            return currentHealthy >= desiredHealthy;
        }
        return disruptionsAllowed() >= 1;
    }
}
