package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.JOBS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoredObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs, as long-running batch work: {@code parallelism} pods (default 1) that run and never complete, replaced when
 * deleted. Enough for the restart tools, which treat Job pods as not theirs to restart; completion is not simulated.
 */
final class JobController {

    private final ClusterStore store;
    private final Scheduler scheduler;
    private final PodViews views;

    JobController(ClusterStore store, Scheduler scheduler, PodViews views) {
        this.store = store;
        this.scheduler = scheduler;
        this.views = views;
    }

    void reconcile(String namespace, String name) {
        Optional<StoredObject> stored = store.find(JOBS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            return;
        }
        ObjectNode job = stored.get().node();
        if (job.path("spec").path("suspend").asBoolean(false)) {
            return;
        }
        int parallelism = job.path("spec").path("parallelism").asInt(1);
        int active = 0;
        int ready = 0;
        for (PodView pod : OwnedObjects.pods(store, views, namespace, stored.get().uid())) {
            if (pod.active()) {
                active++;
                ready += pod.ready() ? 1 : 0;
            }
        }
        for (int i = active; i < parallelism; i++) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(Labels.JOB_NAME, name);
            labels.put(Labels.LEGACY_JOB_NAME, name);
            labels.put("batch.kubernetes.io/controller-uid", stored.get().uid());
            store.create(PODS, namespace, PodTemplates.pod(job.path("spec").path("template"), namespace, null,
                    name + "-", OwnerRef.to(JOBS, job), labels));
        }
        JsonNode old = job.path("status");
        ObjectNode status = Json.object();
        status.put("startTime", old.path("startTime").asText(ClusterStore.timestamp(Instant.now(scheduler.clock()))));
        if (active > 0) {
            status.put("active", active);
        }
        status.put("ready", ready);
        if (Json.same(status, old)) {
            return;
        }
        store.editStatus(JOBS, namespace, name, node -> node.set("status", status));
    }
}
