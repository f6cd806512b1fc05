package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps {@code spec.replicas} pods of each ReplicaSet, named {@code <rs>-<random>}, and reports replicas, ready and
 * available counts in its status. When scaling down it deletes the least useful pods first (not ready before ready,
 * newest before oldest), as the real controller ranks them.
 */
final class ReplicaSetController {

    private static final Comparator<PodView> DELETE_FIRST = Comparator
            .comparing((PodView pod) -> pod.nodeName().isEmpty() ? 0 : 1)
            .thenComparing(pod -> pod.phase().equals("Running") ? 1 : 0)
            .thenComparing(pod -> pod.ready() ? 1 : 0)
            .thenComparing(PodView::created, Comparator.reverseOrder())
            .thenComparing(PodView::name);

    private final ClusterStore store;
    private final PodViews views;

    ReplicaSetController(ClusterStore store, PodViews views) {
        this.store = store;
        this.views = views;
    }

    void reconcile(String namespace, String name) {
        Optional<StoredObject> stored = store.find(REPLICA_SETS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            return;
        }
        ObjectNode rs = stored.get().node();
        String uid = stored.get().uid();
        int desired = rs.path("spec").path("replicas").asInt(1);
        List<PodView> active = new ArrayList<>();
        for (PodView pod : OwnedObjects.pods(store, views, namespace, uid)) {
            if (pod.active()) {
                active.add(pod);
            }
        }
        int diff = desired - active.size();
        if (diff > 0) {
            JsonNode template = rs.path("spec").path("template");
            OwnerRef owner = OwnerRef.to(REPLICA_SETS, rs);
            for (int i = 0; i < diff; i++) {
                store.create(PODS, namespace, PodTemplates.pod(template, namespace, null, name + "-", owner, Map.of()));
            }
        } else if (diff < 0) {
            active.sort(DELETE_FIRST);
            for (PodView pod : active.subList(0, -diff)) {
                delete(pod);
            }
        }
        writeStatus(rs, active);
    }

    private void delete(PodView pod) {
        try {
            store.delete(PODS, pod.namespace(), pod.name(), new DeleteOptions(null,
                    DeleteOptions.Propagation.BACKGROUND, pod.uid(), null, false));
        } catch (StoreException e) {
            // Already gone or replaced: the next reconcile counts again.
        }
    }

    /** Status from the pods seen before this pass's changes; their events bring the next pass. */
    private void writeStatus(ObjectNode rs, List<PodView> active) {
        int ready = 0;
        for (PodView pod : active) {
            if (pod.ready()) {
                ready++;
            }
        }
        long generation = rs.path("metadata").path("generation").asLong(1);
        JsonNode status = rs.path("status");
        int replicas = active.size();
        if (status.path("replicas").asInt(-1) == replicas && status.path("readyReplicas").asInt(0) == ready
                && status.path("availableReplicas").asInt(0) == ready
                && status.path("fullyLabeledReplicas").asInt(0) == replicas
                && status.path("observedGeneration").asLong(0) == generation) {
            return;
        }
        int readyCount = ready;
        store.editStatus(REPLICA_SETS, rs.path("metadata").path("namespace").asText(),
                rs.path("metadata").path("name").asText(), current -> {
                    ObjectNode s = current.putObject("status");
                    s.put("replicas", replicas).put("fullyLabeledReplicas", replicas);
                    if (readyCount > 0) {
                        s.put("readyReplicas", readyCount).put("availableReplicas", readyCount);
                    }
                    s.put("observedGeneration", generation);
                });
    }
}
