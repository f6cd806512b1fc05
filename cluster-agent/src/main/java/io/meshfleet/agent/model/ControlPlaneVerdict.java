package io.meshfleet.agent.model;

import java.util.Objects;

/**
 * Whether an install has reached its target, as {@link InstallJudge} sees it.
 *
 * @param outcome what to do
 * @param reason  machine-readable cause when {@link Outcome#FAILED} ({@code TIMEOUT}), else null
 * @param detail  what was seen, for a person
 */
public record ControlPlaneVerdict(Outcome outcome, String reason, String detail) {

    /**
     * The judgement of one look at the control plane.
     *
     * <p>Transitions to: {@code WAITING} to {@code DONE} or {@code FAILED}; both of those are final.
     */
    public enum Outcome {
        /** Not there yet, the deadline has not passed: look again. */
        WAITING,
        /** The new control plane is Running and Ready at the target version and no old pod is left. */
        DONE,
        /** The deadline passed first. */
        FAILED
    }

    public ControlPlaneVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
