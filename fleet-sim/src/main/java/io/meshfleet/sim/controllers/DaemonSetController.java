package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DAEMON_SETS;
import static io.meshfleet.sim.store.BuiltInResources.NODES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DaemonSets: one pod per node that matches the template's {@code nodeSelector}. A template change is rolled with
 * {@code maxUnavailable} (default 1) of the desired pods replaced at a time: old pods are deleted, and each node
 * without a live pod gets a new one at once (as upstream, while the old one is still terminating).
 */
final class DaemonSetController {

    private final ClusterStore store;
    private final PodViews views;

    DaemonSetController(ClusterStore store, PodViews views) {
        this.store = store;
        this.views = views;
    }

    void reconcile(String namespace, String name) {
        Optional<StoredObject> stored = store.find(DAEMON_SETS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            return;
        }
        ObjectNode ds = stored.get().node();
        JsonNode spec = ds.path("spec");
        String hash = PodTemplateHash.of(spec.path("template"), 0);
        List<String> nodes = nodes(spec.path("template").path("spec").path("nodeSelector"));
        Map<String, List<PodView>> byNode = new TreeMap<>();
        List<PodView> misscheduled = new ArrayList<>();
        for (PodView pod : OwnedObjects.pods(store, views, namespace, stored.get().uid())) {
            if (!pod.active()) {
                continue;
            }
            if (nodes.contains(pod.nodeName())) {
                byNode.computeIfAbsent(pod.nodeName(), n -> new ArrayList<>()).add(pod);
            } else {
                misscheduled.add(pod);
            }
        }
        misscheduled.forEach(this::delete);
        int desired = nodes.size();
        int maxUnavailable = Math.max(1, IntOrPercent.scaled(
                spec.path("updateStrategy").path("rollingUpdate").get("maxUnavailable"), "1", desired, true));
        boolean onDelete = spec.path("updateStrategy").path("type").asText("RollingUpdate").equals("OnDelete");
        int unavailable = 0;
        List<PodView> oldReady = new ArrayList<>();
        for (String node : nodes) {
            List<PodView> pods = byNode.getOrDefault(node, List.of());
            if (pods.isEmpty()) {
                create(ds, namespace, name, node, hash);
                unavailable++;
                continue;
            }
            pods.sort(Comparator.comparing((PodView p) -> p.label(Labels.CONTROLLER_REVISION_HASH).equals(hash) ? 0 : 1)
                    .thenComparing(p -> p.ready() ? 0 : 1));
            for (PodView extra : pods.subList(1, pods.size())) {
                delete(extra);
            }
            PodView pod = pods.get(0);
            boolean current = pod.label(Labels.CONTROLLER_REVISION_HASH).equals(hash);
            if (!pod.ready()) {
                unavailable++;
                if (!current && !onDelete) {
                    // An old pod that is not even available costs nothing to replace.
                    delete(pod);
                }
            } else if (!current) {
                oldReady.add(pod);
            }
        }
        if (!onDelete) {
            for (PodView pod : oldReady) {
                if (unavailable >= maxUnavailable) {
                    break;
                }
                delete(pod);
                unavailable++;
            }
        }
        writeStatus(ds, nodes, byNode, misscheduled.size(), hash);
    }

    private List<String> nodes(JsonNode nodeSelector) {
        List<String> names = new ArrayList<>();
        for (StoredObject node : store.list(NODES).items()) {
            boolean matches = true;
            for (var e : nodeSelector.properties()) {
                matches &= e.getValue().asText().equals(node.labels().get(e.getKey()));
            }
            if (matches) {
                names.add(node.name());
            }
        }
        return names;
    }

    private void create(ObjectNode ds, String namespace, String name, String node, String hash) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.CONTROLLER_REVISION_HASH, hash);
        labels.put(Labels.POD_TEMPLATE_GENERATION, ds.path("metadata").path("generation").asText("1"));
        ObjectNode pod = PodTemplates.pod(ds.path("spec").path("template"), namespace, null, name + "-",
                OwnerRef.to(DAEMON_SETS, ds), labels);
        pod.withObjectProperty("spec").put("nodeName", node);
        store.create(PODS, namespace, pod);
    }

    private void delete(PodView pod) {
        try {
            store.delete(PODS, pod.namespace(), pod.name(), new DeleteOptions(null,
                    DeleteOptions.Propagation.BACKGROUND, pod.uid(), null, false));
        } catch (StoreException e) {
            // Already gone.
        }
    }

    private void writeStatus(ObjectNode ds, List<String> nodes, Map<String, List<PodView>> byNode, int misscheduled,
                             String hash) {
        int scheduled = 0;
        int ready = 0;
        int updated = 0;
        for (String node : nodes) {
            List<PodView> pods = byNode.getOrDefault(node, List.of());
            if (pods.isEmpty()) {
                continue;
            }
            scheduled++;
            PodView pod = pods.get(0);
            if (pod.ready()) {
                ready++;
            }
            if (pod.label(Labels.CONTROLLER_REVISION_HASH).equals(hash)) {
                updated++;
            }
        }
        ObjectNode status = Json.object();
        status.put("currentNumberScheduled", scheduled);
        status.put("desiredNumberScheduled", nodes.size());
        status.put("numberMisscheduled", misscheduled);
        status.put("numberReady", ready);
        status.put("numberAvailable", ready);
        if (nodes.size() - ready > 0) {
            status.put("numberUnavailable", nodes.size() - ready);
        }
        status.put("updatedNumberScheduled", updated);
        status.put("observedGeneration", ds.path("metadata").path("generation").asLong(1));
        if (Json.same(status, ds.path("status"))) {
            return;
        }
        store.editStatus(DAEMON_SETS, ds.path("metadata").path("namespace").asText(),
                ds.path("metadata").path("name").asText(), node -> node.set("status", status));
    }
}
