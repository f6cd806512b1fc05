package io.meshfleet.sim.store;

/**
 * Options of create, update and patch.
 *
 * @param dryRun validate and admit, persist nothing
 * @param fieldManager the manager named by server-side apply (recorded nowhere; accepted for compatibility)
 */
public record WriteOptions(boolean dryRun, String fieldManager) {

    /** Persist, no field manager. */
    public static final WriteOptions DEFAULTS = new WriteOptions(false, null);
}
