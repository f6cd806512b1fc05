package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change a watcher sees, already adjusted to its selector (an object that stops matching arrives as DELETED).
 *
 * @param type what happened
 * @param object the object after the change (for DELETED: its last state, with the deletion's resourceVersion)
 */
public record WatchEvent(Type type, StoredObject object) {

    /** The event types of a Kubernetes watch that the store produces. */
    public enum Type { ADDED, MODIFIED, DELETED }

    /** A fresh tree of the object. */
    public ObjectNode node() {
        return object.node();
    }
}
