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
 * Jobs: {@code parallelism} pods (default 1), replaced when deleted. Pods whose containers have a command run to
 * completion (see {@code PodStatuses.runsToCompletion}): the Job is {@code Complete} once {@code completions}
 * (default 1) pods succeeded, {@code Failed} once more than {@code backoffLimit} (default 6) pods failed; a failed
 * pod is replaced until then. Pods without a command run forever (long batch work the restart tools leave alone).
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
        int completions = job.path("spec").path("completions").asInt(1);
        int backoffLimit = job.path("spec").path("backoffLimit").asInt(6);
        int active = 0;
        int ready = 0;
        int succeeded = 0;
        int failed = 0;
        for (PodView pod : OwnedObjects.pods(store, views, namespace, stored.get().uid())) {
            if (pod.active()) {
                active++;
                ready += pod.ready() ? 1 : 0;
            } else if (pod.phase().equals("Succeeded")) {
                succeeded++;
            } else if (pod.phase().equals("Failed")) {
                failed++;
            }
        }
        boolean complete = succeeded >= completions;
        boolean failedJob = failed > backoffLimit;
        int wanted = complete || failedJob ? 0 : Math.min(parallelism, completions - succeeded);
        for (int i = active; i < wanted; i++) {
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
        if (succeeded > 0) {
            status.put("succeeded", succeeded);
        }
        if (failed > 0) {
            status.put("failed", failed);
        }
        String now = ClusterStore.timestamp(Instant.now(scheduler.clock()));
        if (complete || failedJob) {
            String type = complete ? "Complete" : "Failed";
            JsonNode previous = old.path("conditions");
            String since = previous.isArray() && previous.size() > 0 ? previous.get(0).path("lastTransitionTime").asText(now) : now;
            ObjectNode condition = status.putArray("conditions").addObject().put("type", type).put("status", "True")
                    .put("lastProbeTime", since).put("lastTransitionTime", since);
            if (failedJob) {
                condition.put("reason", "BackoffLimitExceeded").put("message", "Job has reached the specified backoff limit");
            } else {
                status.put("completionTime", old.path("completionTime").asText(since));
            }
        }
        if (Json.same(status, old)) {
            return;
        }
        store.editStatus(JOBS, namespace, name, node -> node.set("status", status));
    }
}
