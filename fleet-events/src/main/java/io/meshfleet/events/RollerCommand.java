package io.meshfleet.events;

/** A command to sidecar-roller on {@link Topics#ROLLER_COMMANDS}, keyed by clusterId. */
public sealed interface RollerCommand extends Command permits RollSidecars, PauseRoll, AbortRoll {

    /** The plan the roll belongs to. */
    String planId();

    /** The cluster whose sidecars are rolled. */
    String clusterId();

    @Override
    default String topic() {
        return Topics.ROLLER_COMMANDS;
    }

    @Override
    default String key() {
        return clusterId();
    }
}
