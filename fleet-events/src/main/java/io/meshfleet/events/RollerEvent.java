package io.meshfleet.events;

/** Sidecar roll progress from sidecar-roller on {@link Topics#ROLLER_EVENTS}, keyed by clusterId. */
public sealed interface RollerEvent extends Event permits NamespaceProgress, NamespaceConverged, RollFailed {

    /** The plan the roll belongs to. */
    String planId();

    /** The cluster whose sidecars are rolled. */
    String clusterId();

    @Override
    default String topic() {
        return Topics.ROLLER_EVENTS;
    }

    @Override
    default String key() {
        return clusterId();
    }
}
