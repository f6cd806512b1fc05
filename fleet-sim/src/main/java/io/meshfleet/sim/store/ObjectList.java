package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a list: the objects and the cluster's resourceVersion at the time (a watch from it misses nothing).
 *
 * @param resourceVersion the store's resourceVersion when the list was taken
 * @param items the selected objects, ordered by namespace and name
 */
public record ObjectList(long resourceVersion, List<StoredObject> items) {

    /** Unmodifiable. */
    public ObjectList {
        items = List.copyOf(items);
    }

    /** Fresh trees of the items. */
    public List<ObjectNode> nodes() {
        List<ObjectNode> nodes = new ArrayList<>(items.size());
        items.forEach(item -> nodes.add(item.node()));
        return nodes;
    }

    /** The names of the items, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(items.size());
        items.forEach(item -> names.add(item.name()));
        return names;
    }
}
