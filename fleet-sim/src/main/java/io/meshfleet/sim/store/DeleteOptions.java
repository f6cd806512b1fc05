package io.meshfleet.sim.store;

/**
 * How to delete, as the API's DeleteOptions say it.
 *
 * @param gracePeriodSeconds null for the object's default (pods: spec.terminationGracePeriodSeconds, else 30)
 * @param propagation what happens to dependents (objects whose ownerReferences name the deleted object)
 * @param preconditionUid delete only this uid (null: any)
 * @param preconditionResourceVersion delete only this version (null: any)
 * @param dryRun validate only
 */
public record DeleteOptions(
        Long gracePeriodSeconds,
        Propagation propagation,
        String preconditionUid,
        String preconditionResourceVersion,
        boolean dryRun) {

    /** Dependents: deleted (Foreground and Background both cascade at once here) or orphaned. */
    public enum Propagation { BACKGROUND, FOREGROUND, ORPHAN }

    /** Background propagation, default grace. */
    public static final DeleteOptions DEFAULTS = new DeleteOptions(null, Propagation.BACKGROUND, null, null, false);

    /** Grace period zero: a terminating pod is removed now (what the kubelet does once containers stopped). */
    public static DeleteOptions immediately() {
        return new DeleteOptions(0L, Propagation.BACKGROUND, null, null, false);
    }

    /** With the given grace period. */
    public static DeleteOptions gracePeriod(long seconds) {
        return new DeleteOptions(seconds, Propagation.BACKGROUND, null, null, false);
    }

    /** These options with another propagation. */
    public DeleteOptions withPropagation(Propagation value) {
        return new DeleteOptions(gracePeriodSeconds, value, preconditionUid, preconditionResourceVersion, dryRun);
    }
}
