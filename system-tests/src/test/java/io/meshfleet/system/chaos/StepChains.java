package io.meshfleet.system.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the audit trail's CLUSTER_STEP entries of one plan: each cluster's steps must chain, every entry starting
 * where the previous one of that cluster ended (the first one from {@code PENDING}), so that no transition is missing
 * from the trail, even across orchestrator crashes. Pure logic.
 */
public final class StepChains {

    /** The step every cluster of a plan starts in. */
    public static final String FIRST = "PENDING";

    /** One CLUSTER_STEP entry, in the trail's order. */
    public record Step(long seq, String cluster, String from, String to) {
    }

    private StepChains() {
    }

    /**
     * The holes in each cluster's chain, as readable lines (empty when every chain is whole).
     *
     * @param steps the plan's CLUSTER_STEP entries, in seq order
     */
    public static List<String> gaps(List<Step> steps) {
        Map<String, Step> last = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        for (Step step : steps) {
            Step previous = last.put(step.cluster(), step);
            String expected = previous == null ? FIRST : previous.to();
            if (!expected.equals(step.from())) {
                gaps.add(step.cluster() + ": entry " + step.seq() + " goes " + step.from() + " -> " + step.to()
                        + " but the cluster was " + expected
                        + (previous == null ? " (its first entry)" : " after entry " + previous.seq()));
            }
        }
        return gaps;
    }

    /** The step each cluster's chain ends in. */
    public static Map<String, String> lastSteps(List<Step> steps) {
        Map<String, String> last = new LinkedHashMap<>();
        steps.forEach(step -> last.put(step.cluster(), step.to()));
        return last;
    }
}
