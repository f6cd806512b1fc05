package io.meshfleet.sim.store;

/**
 * An in-process mutating/validating admission webhook (the sidecar injector is one): called under the store's lock
 * for every create and update, it may change {@link AdmissionRequest#object()} or refuse by throwing a
 * {@link StoreException} (e.g. {@code StoreException.forbidden(...)}).
 */
@FunctionalInterface
public interface AdmissionHook {

    /** Admits, mutates or refuses one request. */
    void admit(AdmissionRequest request);
}
