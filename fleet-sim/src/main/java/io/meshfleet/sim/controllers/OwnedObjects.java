package io.meshfleet.sim.controllers;

import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.StoredObject;
import java.util.ArrayList;
import java.util.List;

/** The objects a controller owns, found by owner uid (no label selector needed: every sim pod carries its owner). */
final class OwnedObjects {

    private OwnedObjects() {
    }

    /** The pods of one owner, parsed (each version once, through the cluster's cache). */
    static List<PodView> pods(ClusterStore store, PodViews views, String namespace, String ownerUid) {
        List<PodView> pods = new ArrayList<>();
        for (StoredObject object : store.list(io.meshfleet.sim.store.BuiltInResources.PODS, namespace).items()) {
            if (object.ownerUids().contains(ownerUid)) {
                pods.add(views.of(object));
            }
        }
        return pods;
    }

    /** Whether an owner has any pod left, terminating or not (no parsing). */
    static boolean hasPods(ClusterStore store, String namespace, String ownerUid) {
        for (StoredObject object : store.list(io.meshfleet.sim.store.BuiltInResources.PODS, namespace).items()) {
            if (object.ownerUids().contains(ownerUid)) {
                return true;
            }
        }
        return false;
    }

    /** The objects of a type owned by one owner, unparsed. */
    static List<StoredObject> of(ClusterStore store, ResourceType type, String namespace, String ownerUid) {
        List<StoredObject> owned = new ArrayList<>();
        for (StoredObject object : store.list(type, namespace).items()) {
            if (object.ownerUids().contains(ownerUid)) {
                owned.add(object);
            }
        }
        return owned;
    }
}
