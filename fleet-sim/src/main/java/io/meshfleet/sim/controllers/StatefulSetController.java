package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.STATEFUL_SETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoredObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * StatefulSets: pods {@code <name>-0 .. <name>-(n-1)}, created in order, each after the previous is Ready
 * (OrderedReady; Parallel creates them together). A template change (such as {@code kubectl rollout restart}) is
 * rolled by deleting the highest-ordinal pod still at the old revision, one at a time, once every pod is Ready; the
 * controller recreates it at the new revision. Revisions are {@code <name>-<hash>} in the
 * {@code controller-revision-hash} label, as upstream (without ControllerRevision objects).
 */
final class StatefulSetController {

    private final ClusterStore store;
    private final PodViews views;

    StatefulSetController(ClusterStore store, PodViews views) {
        this.store = store;
        this.views = views;
    }

    void reconcile(String namespace, String name) {
        Optional<StoredObject> stored = store.find(STATEFUL_SETS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            return;
        }
        ObjectNode sts = stored.get().node();
        JsonNode spec = sts.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        String updateRevision = name + "-" + PodTemplateHash.of(spec.path("template"), 0);
        boolean parallel = spec.path("podManagementPolicy").asText("OrderedReady").equals("Parallel");
        int partition = spec.path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
        boolean onDelete = spec.path("updateStrategy").path("type").asText("RollingUpdate").equals("OnDelete");

        TreeMap<Integer, PodView> pods = new TreeMap<>();
        for (PodView pod : OwnedObjects.pods(store, views, namespace, stored.get().uid())) {
            int ordinal = ordinal(name, pod.name());
            if (ordinal >= 0) {
                pods.put(ordinal, pod);
            }
        }
        act(sts, namespace, name, replicas, updateRevision, parallel, partition, onDelete, pods);
        writeStatus(sts, replicas, updateRevision, pods);
    }

    private void act(ObjectNode sts, String namespace, String name, int replicas, String updateRevision,
                     boolean parallel, int partition, boolean onDelete, TreeMap<Integer, PodView> pods) {
        boolean allSettled = true;
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            PodView pod = pods.get(ordinal);
            if (pod == null) {
                create(sts, namespace, name, ordinal, updateRevision);
                if (!parallel) {
                    return;
                }
                allSettled = false;
            } else if (pod.terminating() || !pod.ready()) {
                if (!parallel) {
                    return;
                }
                allSettled = false;
            }
        }
        for (Integer ordinal : pods.descendingKeySet()) {
            if (ordinal >= replicas) {
                PodView pod = pods.get(ordinal);
                if (!pod.terminating() && (allSettled || parallel)) {
                    delete(pod);
                }
                if (!parallel) {
                    return;
                }
            }
        }
        if (!allSettled || onDelete) {
            return;
        }
        for (int ordinal = replicas - 1; ordinal >= partition; ordinal--) {
            PodView pod = pods.get(ordinal);
            if (pod != null && !pod.label(Labels.CONTROLLER_REVISION_HASH).equals(updateRevision)) {
                delete(pod);
                return;
            }
        }
    }

    private void create(ObjectNode sts, String namespace, String name, int ordinal, String revision) {
        String podName = name + "-" + ordinal;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.CONTROLLER_REVISION_HASH, revision);
        labels.put(Labels.STATEFUL_SET_POD_NAME, podName);
        labels.put(Labels.POD_INDEX, Integer.toString(ordinal));
        ObjectNode pod = PodTemplates.pod(sts.path("spec").path("template"), namespace, podName, null,
                OwnerRef.to(STATEFUL_SETS, sts), labels);
        ObjectNode podSpec = pod.withObjectProperty("spec");
        podSpec.put("hostname", podName);
        String service = sts.path("spec").path("serviceName").asText("");
        if (!service.isEmpty()) {
            podSpec.put("subdomain", service);
        }
        try {
            store.create(PODS, namespace, pod);
        } catch (StoreException e) {
            // The previous pod of that name is still terminating; its removal brings the next reconcile.
        }
    }

    private void delete(PodView pod) {
        try {
            store.delete(PODS, pod.namespace(), pod.name(), new DeleteOptions(null,
                    DeleteOptions.Propagation.BACKGROUND, pod.uid(), null, false));
        } catch (StoreException e) {
            // Already gone.
        }
    }

    private void writeStatus(ObjectNode sts, int replicas, String updateRevision, TreeMap<Integer, PodView> pods) {
        JsonNode old = sts.path("status");
        String currentRevision = old.path("currentRevision").asText(updateRevision);
        int count = 0;
        int ready = 0;
        int current = 0;
        int updated = 0;
        for (PodView pod : pods.values()) {
            if (pod.terminating()) {
                continue;
            }
            count++;
            if (pod.ready()) {
                ready++;
            }
            String revision = pod.label(Labels.CONTROLLER_REVISION_HASH);
            if (revision.equals(currentRevision)) {
                current++;
            }
            if (revision.equals(updateRevision)) {
                updated++;
            }
        }
        if (updated == replicas && ready == replicas && count == replicas) {
            // The rollout is complete: the update revision becomes the current one.
            currentRevision = updateRevision;
            current = updated;
        }
        ObjectNode status = Json.object();
        status.put("observedGeneration", sts.path("metadata").path("generation").asLong(1));
        status.put("replicas", count);
        if (ready > 0) {
            status.put("readyReplicas", ready);
        }
        if (current > 0) {
            status.put("currentReplicas", current);
        }
        if (updated > 0) {
            status.put("updatedReplicas", updated);
        }
        status.put("currentRevision", currentRevision);
        status.put("updateRevision", updateRevision);
        status.put("collisionCount", 0);
        status.put("availableReplicas", ready);
        if (Json.same(status, old)) {
            return;
        }
        store.editStatus(STATEFUL_SETS, sts.path("metadata").path("namespace").asText(),
                sts.path("metadata").path("name").asText(), node -> node.set("status", status));
    }

    /** The ordinal of {@code <set>-<n>}, or -1. */
    static int ordinal(String set, String pod) {
        if (!pod.startsWith(set + "-")) {
            return -1;
        }
        try {
            return Integer.parseInt(pod.substring(set.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
