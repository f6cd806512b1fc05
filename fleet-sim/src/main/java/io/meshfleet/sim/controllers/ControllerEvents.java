package io.meshfleet.sim.controllers;

import java.time.Instant;

/** What the simulated controllers tell the outside world about (the fleet's recorder listens). */
public interface ControllerEvents {

    /** Nobody listens. */
    ControllerEvents NONE = new ControllerEvents() {
    };

    /**
     * A control-plane install was requested and applied.
     *
     * @param cluster    the cluster
     * @param operator   the IstioOperator's name ({@code meshfleet-install} for istioctl, else the operator path)
     * @param requestKey the request id (istioctl) or {@code generation-<n>} (operator path)
     * @param version    the version being installed ({@code spec.tag})
     * @param at         when
     */
    default void installStarted(String cluster, String operator, String requestKey, String version, Instant at) {
    }

    /**
     * A control-plane install ended.
     *
     * @param cluster    the cluster
     * @param operator   the IstioOperator's name
     * @param requestKey as {@link #installStarted}
     * @param version    the version installed
     * @param status     {@code HEALTHY} or {@code ERROR}
     * @param message    why, for ERROR ("" otherwise)
     * @param at         when
     */
    default void installFinished(String cluster, String operator, String requestKey, String version, String status,
                                 String message, Instant at) {
    }
}
