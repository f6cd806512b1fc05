package io.meshfleet.orchestrator.messaging;

import io.meshfleet.events.PodProblem;
import io.meshfleet.events.RollFailed;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words an operator reads when a roll failed: the roller's reason and the pods that did not converge, each with
 * its problem (a cluster's failure detail and the audit trail carry it, so nobody has to dig in the roller's logs
 * to learn which pods to look at). Long lists are cut after {@link #MAX_PODS} pods with a count of the rest.
 */
final class RollFailures {

    /** Pods named in full; the rest are counted. */
    static final int MAX_PODS = 5;

    private RollFailures() {
    }

    /** E.g. {@code CRASH_LOOPING: frontend-1 (CrashLoopBackOff), cart-2 (READY 1/2)}. */
    static String describe(RollFailed failed) {
        List<PodProblem> pods = failed.pods();
        if (pods.isEmpty()) {
            return failed.reason();
        }
        String named = pods.stream().limit(MAX_PODS).map(p -> p.name() + " (" + p.problem() + ")")
                .collect(Collectors.joining(", "));
        int rest = pods.size() - MAX_PODS;
        return failed.reason() + ": " + named + (rest > 0 ? " and " + rest + " more" : "");
    }
}
