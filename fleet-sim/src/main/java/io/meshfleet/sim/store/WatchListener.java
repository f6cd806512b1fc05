package io.meshfleet.sim.store;

/**
 * Receives a watch's events, in resourceVersion order, on the thread that made the change (after the store's lock
 * is released, never nested). Must return quickly: hand real work to an executor.
 */
@FunctionalInterface
public interface WatchListener {

    /** One event. */
    void onEvent(WatchEvent event);

    /** The synthetic ADDED events of the objects that existed when the watch started have all been delivered. */
    default void onInitialEventsEnd(long resourceVersion) {
    }
}
