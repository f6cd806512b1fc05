package io.meshfleet.orchestrator.plan;

import java.util.List;

/** The outcome of one decision pass: the next rollout and what to do. */
public record Decision(Rollout next, List<Action> actions) {

    public Decision {
        actions = List.copyOf(actions);
    }

    /** The operator request this pass refused, if any. */
    public java.util.Optional<Action.Rejected> rejection() {
        return actions.stream().filter(Action.Rejected.class::isInstance).map(Action.Rejected.class::cast).findFirst();
    }
}
