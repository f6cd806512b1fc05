package io.meshfleet.sim.store;

/** A patch that cannot be applied to the object (answered 422, as the API server does). */
public final class PatchException extends RuntimeException {

    /** With the reason. */
    public PatchException(String message) {
        super(message);
    }
}
