package io.meshfleet.sim.controllers;

import io.meshfleet.sim.store.StoredObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cluster's parsed pods, by resourceVersion: JSON parsing was most of the controllers' CPU, because each change
 * of a pod made its ReplicaSet re-read every sibling. Now each version of a pod is parsed once.
 */
final class PodViews {

    private final Map<String, PodView> views = new ConcurrentHashMap<>();

    /** The view of this version of a pod, parsed on first use. */
    PodView of(StoredObject pod) {
        String key = pod.namespace() + "/" + pod.name();
        PodView cached = views.get(key);
        if (cached != null && cached.resourceVersion() == pod.resourceVersion() && cached.uid().equals(pod.uid())) {
            return cached;
        }
        PodView view = PodView.of(pod.node());
        views.put(key, view);
        return view;
    }

    /** Drops a pod that is gone. */
    void forget(String namespace, String name) {
        views.remove(namespace + "/" + name);
    }
}
