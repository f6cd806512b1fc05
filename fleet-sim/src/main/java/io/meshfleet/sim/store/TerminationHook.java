package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decides whether a pod deleted with a grace period disappears at once. A simulated kubelet returns false to keep it
 * Terminating and later removes it with {@code delete(PODS, ns, name, DeleteOptions.immediately())}. Called under the
 * store's lock: record and schedule, never block.
 */
@FunctionalInterface
public interface TerminationHook {

    /** Every pod is removed as soon as it is deleted. */
    TerminationHook IMMEDIATE = (type, terminating) -> true;

    /** True to remove the object now, false to leave it terminating (deletionTimestamp set). */
    boolean removeNow(ResourceType type, ObjectNode terminating);
}
