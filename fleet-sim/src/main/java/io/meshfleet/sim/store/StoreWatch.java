package io.meshfleet.sim.store;

/** A running watch; closing it stops deliveries (events already being delivered may still arrive). */
public interface StoreWatch extends AutoCloseable {

    /** Stops the watch. Idempotent. */
    @Override
    void close();
}
