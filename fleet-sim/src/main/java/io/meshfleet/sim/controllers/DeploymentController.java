package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deployments: one ReplicaSet per pod template ({@code <deploy>-<pod-template-hash>}), rolled with the upstream
 * RollingUpdate arithmetic ({@link RollingUpdate}) or Recreate, and the status {@code kubectl rollout status} reads:
 * observedGeneration, replicas, updated/ready/available/unavailable counts, conditions Available and Progressing
 * (NewReplicaSetAvailable when done, ProgressDeadlineExceeded after {@code progressDeadlineSeconds} of simulated time
 * without progress). Availability is readiness ({@code minReadySeconds} is not simulated).
 */
final class DeploymentController {

    private final ClusterStore store;
    private final Scheduler scheduler;
    private final WorkQueue queue;
    /** The pending progress-deadline check of each rolling Deployment, cancelled once it completes. */
    private final Map<String, DeadlineCheck> deadlines = new ConcurrentHashMap<>();
    /** ReplicaSets by uid, parsed once per version: a Deployment is looked at after every change of its pods. */
    private final Map<String, Owned> replicaSets = new ConcurrentHashMap<>();
    /** The template hash of each Deployment (by uid) at the generation it was computed for. */
    private final Map<String, TemplateHash> hashes = new ConcurrentHashMap<>();

    /** A Deployment's pod-template-hash at one generation and collision count. */
    private record TemplateHash(long generation, int collisions, String hash) {
    }

    DeploymentController(ClusterStore store, Scheduler scheduler, WorkQueue queue) {
        this.store = store;
        this.scheduler = scheduler;
        this.queue = queue;
    }

    /** One ReplicaSet of the Deployment with the numbers the decision needs; cached per resourceVersion. */
    private record Owned(String uid, long resourceVersion, String name, int replicas, int statusReplicas, int ready,
                         int available, long revision, Instant created) {

        static Owned of(ObjectNode rs) {
            JsonNode status = rs.path("status");
            Instant created;
            try {
                created = Instant.parse(rs.path("metadata").path("creationTimestamp").asText());
            } catch (DateTimeParseException e) {
                created = Instant.EPOCH;
            }
            long revision;
            try {
                revision = Long.parseLong(rs.path("metadata").path("annotations").path(Labels.REVISION).asText("0"));
            } catch (NumberFormatException e) {
                revision = 0;
            }
            return new Owned(rs.path("metadata").path("uid").asText(),
                    Long.parseLong(rs.path("metadata").path("resourceVersion").asText("0")),
                    rs.path("metadata").path("name").asText(), rs.path("spec").path("replicas").asInt(0),
                    status.path("replicas").asInt(0), status.path("readyReplicas").asInt(0),
                    status.path("availableReplicas").asInt(0), revision, created);
        }

        RollingUpdate.ReplicaSetState state() {
            return new RollingUpdate.ReplicaSetState(name, replicas, available);
        }
    }

    void reconcile(String namespace, String name) {
        Optional<StoredObject> stored = store.find(DEPLOYMENTS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            return;
        }
        ObjectNode deployment = stored.get().node();
        JsonNode spec = deployment.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        int collisions = deployment.path("status").path("collisionCount").asInt(0);
        long generation = deployment.path("metadata").path("generation").asLong();
        TemplateHash known = hashes.get(stored.get().uid());
        if (known == null || known.generation() != generation || known.collisions() != collisions) {
            known = new TemplateHash(generation, collisions, PodTemplateHash.of(spec.path("template"), collisions));
            hashes.put(stored.get().uid(), known);
        }
        String hash = known.hash();
        String newName = name + "-" + hash;

        Owned newSet = null;
        List<Owned> oldSets = new ArrayList<>();
        long maxOldRevision = 0;
        for (StoredObject rs : OwnedObjects.of(store, REPLICA_SETS, namespace, stored.get().uid())) {
            Owned owned = owned(rs);
            if (rs.name().equals(newName)) {
                newSet = owned;
            } else {
                oldSets.add(owned);
                maxOldRevision = Math.max(maxOldRevision, owned.revision());
            }
        }
        oldSets.sort(Comparator.comparing(Owned::created).thenComparing(Owned::name));
        boolean paused = spec.path("paused").asBoolean(false);
        boolean recreate = spec.path("strategy").path("type").asText("RollingUpdate").equals("Recreate");
        RollingUpdate.Limits limits = recreate
                ? new RollingUpdate.Limits(replicas, 0, replicas)
                : RollingUpdate.Limits.of(replicas, spec.path("strategy").path("rollingUpdate"));
        String createdNew = null;
        if (!paused) {
            if (newSet == null) {
                int oldTotal = oldSets.stream().mapToInt(Owned::replicas).sum();
                int initial = recreate ? (oldTotal == 0 && oldPodsGone(namespace, oldSets) ? replicas : 0)
                        : RollingUpdate.newReplicas(limits, 0, oldTotal);
                newSet = createReplicaSet(deployment, newName, hash, initial, maxOldRevision + 1, limits);
                createdNew = newName;
            } else if (newSet.revision() <= maxOldRevision) {
                // Rolled back to an earlier template: that ReplicaSet becomes the newest revision again.
                annotate(newSet.name(), namespace, maxOldRevision + 1);
            }
            if (recreate) {
                recreate(namespace, replicas, newSet, oldSets);
            } else {
                List<RollingUpdate.ReplicaSetState> olds = new ArrayList<>();
                oldSets.forEach(old -> olds.add(old.state()));
                Map<String, Integer> targets = RollingUpdate.plan(limits, newSet.state(), olds);
                targets.forEach((rsName, target) -> scale(namespace, rsName, target, replicas, limits));
            }
        }
        if (newSet == null) {
            // Paused before the new template got its ReplicaSet: report the old ones against an empty new one.
            newSet = new Owned("", 0, newName, 0, 0, 0, 0, maxOldRevision + 1, scheduler.clock().instant());
        }
        long revision = newSet.revision() > maxOldRevision ? newSet.revision() : maxOldRevision + 1;
        if (!deployment.path("metadata").path("annotations").path(Labels.REVISION).asText("")
                .equals(Long.toString(revision))) {
            store.edit(DEPLOYMENTS, namespace, name, current -> current.withObjectProperty("metadata")
                    .withObjectProperty("annotations").put(Labels.REVISION, Long.toString(revision)));
        }
        writeStatus(deployment, newSet, oldSets, limits, paused, createdNew);
        cleanUp(deployment, newSet, oldSets);
    }

    private Owned owned(StoredObject rs) {
        Owned cached = replicaSets.get(rs.uid());
        if (cached != null && cached.resourceVersion() == rs.resourceVersion()) {
            return cached;
        }
        Owned owned = Owned.of(rs.node());
        replicaSets.put(rs.uid(), owned);
        return owned;
    }

    /** Forgets a deleted ReplicaSet or Deployment. */
    void forget(String uid) {
        replicaSets.remove(uid);
        hashes.remove(uid);
    }

    private boolean oldPodsGone(String namespace, List<Owned> oldSets) {
        for (Owned old : oldSets) {
            if (OwnedObjects.hasPods(store, namespace, old.uid())) {
                return false;
            }
        }
        return true;
    }

    /** Recreate: scale every old ReplicaSet to 0 and start the new one only once no old pod exists, terminating or not. */
    private void recreate(String namespace, int replicas, Owned newSet, List<Owned> oldSets) {
        boolean oldRunning = false;
        for (Owned old : oldSets) {
            if (old.replicas() > 0) {
                scale(namespace, old.name(), 0, replicas, null);
            }
            oldRunning |= old.replicas() > 0
                    || OwnedObjects.hasPods(store, namespace, old.uid());
        }
        if (!oldRunning && newSet.replicas() != replicas) {
            scale(namespace, newSet.name(), replicas, replicas, null);
        }
    }

    private Owned createReplicaSet(ObjectNode deployment, String name, String hash, int replicas, long revision,
                                   RollingUpdate.Limits limits) {
        JsonNode spec = deployment.path("spec");
        String namespace = deployment.path("metadata").path("namespace").asText();
        ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode labels = PodTemplates.labels(spec.path("template"));
        labels.put(Labels.POD_TEMPLATE_HASH, hash);
        meta.set("labels", labels.deepCopy());
        meta.putObject("annotations").put(Labels.REVISION, Long.toString(revision))
                .put(Labels.DESIRED_REPLICAS, Integer.toString(limits.replicas()))
                .put(Labels.MAX_REPLICAS, Integer.toString(limits.replicas() + limits.maxSurge()));
        meta.putArray("ownerReferences").add(OwnerRef.to(DEPLOYMENTS, deployment).toJson());
        ObjectNode rsSpec = rs.putObject("spec").put("replicas", replicas);
        ObjectNode selector = spec.path("selector").isObject() ? ((ObjectNode) spec.path("selector")).deepCopy()
                : Json.object();
        selector.withObjectProperty("matchLabels").put(Labels.POD_TEMPLATE_HASH, hash);
        rsSpec.set("selector", selector);
        ObjectNode template = ((ObjectNode) spec.path("template")).deepCopy();
        template.withObjectProperty("metadata").set("labels", labels);
        rsSpec.set("template", template);
        if (spec.has("minReadySeconds")) {
            rsSpec.set("minReadySeconds", spec.get("minReadySeconds"));
        }
        try {
            return Owned.of(store.create(REPLICA_SETS, namespace, rs));
        } catch (StoreException e) {
            if (e.reason() == io.meshfleet.sim.store.StatusReason.ALREADY_EXISTS) {
                // A ReplicaSet of that name owned by someone else: upstream bumps collisionCount and rehashes.
                store.editStatus(DEPLOYMENTS, namespace, deployment.path("metadata").path("name").asText(),
                        current -> current.withObjectProperty("status").put("collisionCount",
                                current.path("status").path("collisionCount").asInt(0) + 1));
            }
            throw e;
        }
    }

    private void scale(String namespace, String name, int target, int deploymentReplicas,
                       RollingUpdate.Limits limits) {
        store.edit(REPLICA_SETS, namespace, name, rs -> {
            rs.withObjectProperty("spec").put("replicas", target);
            ObjectNode annotations = rs.withObjectProperty("metadata").withObjectProperty("annotations");
            annotations.put(Labels.DESIRED_REPLICAS, Integer.toString(deploymentReplicas));
            if (limits != null) {
                annotations.put(Labels.MAX_REPLICAS, Integer.toString(deploymentReplicas + limits.maxSurge()));
            }
        });
    }

    private void annotate(String name, String namespace, long revision) {
        store.edit(REPLICA_SETS, namespace, name, rs -> rs.withObjectProperty("metadata")
                .withObjectProperty("annotations").put(Labels.REVISION, Long.toString(revision)));
    }

    private void writeStatus(ObjectNode deployment, Owned newSet, List<Owned> oldSets, RollingUpdate.Limits limits,
                             boolean paused, String createdNew) {
        JsonNode meta = deployment.path("metadata");
        String namespace = meta.path("namespace").asText();
        String name = meta.path("name").asText();
        int replicas = limits.replicas();
        int statusReplicas = newSet.statusReplicas();
        int specTotal = newSet.replicas();
        int ready = newSet.ready();
        int available = newSet.available();
        for (Owned old : oldSets) {
            statusReplicas += old.statusReplicas();
            specTotal += old.replicas();
            ready += old.ready();
            available += old.available();
        }
        long generation = meta.path("generation").asLong(1);
        ObjectNode status = Json.object();
        status.put("observedGeneration", generation);
        if (statusReplicas > 0) {
            status.put("replicas", statusReplicas);
        }
        if (newSet.statusReplicas() > 0) {
            status.put("updatedReplicas", newSet.statusReplicas());
        }
        if (ready > 0) {
            status.put("readyReplicas", ready);
        }
        if (available > 0) {
            status.put("availableReplicas", available);
        }
        if (specTotal - available > 0) {
            status.put("unavailableReplicas", specTotal - available);
        }
        int collisions = deployment.path("status").path("collisionCount").asInt(0);
        if (collisions > 0) {
            status.put("collisionCount", collisions);
        }
        Instant now = scheduler.clock().instant();
        JsonNode previous = deployment.path("status").path("conditions");
        ArrayNode conditions = status.putArray("conditions");
        boolean minimum = available >= replicas - limits.maxUnavailable();
        conditions.add(condition(previous, "Available", minimum,
                minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now, false));
        boolean complete = newSet.replicas() == replicas && newSet.statusReplicas() == replicas
                && newSet.available() == replicas && statusReplicas == replicas;
        JsonNode oldProgressing = find(previous, "Progressing");
        String rsRef = "ReplicaSet \"" + newSet.name() + "\"";
        ObjectNode progressing;
        if (paused) {
            progressing = condition(previous, "Progressing", null, "DeploymentPaused",
                    "Deployment is paused", now, false);
        } else if (complete) {
            progressing = condition(previous, "Progressing", true, "NewReplicaSetAvailable",
                    rsRef + " has successfully progressed.", now, !sameCounts(deployment.path("status"), status));
        } else if (createdNew != null) {
            progressing = condition(previous, "Progressing", true, "NewReplicaSetCreated",
                    "Created new replica set \"" + createdNew + "\"", now, true);
        } else if (!sameCounts(deployment.path("status"), status)
                || oldProgressing == null || oldProgressing.path("reason").asText().equals("NewReplicaSetAvailable")) {
            progressing = condition(previous, "Progressing", true, "ReplicaSetUpdated",
                    rsRef + " is progressing.", now, true);
        } else if (timedOut(deployment, oldProgressing, now)) {
            progressing = condition(previous, "Progressing", false, "ProgressDeadlineExceeded",
                    rsRef + " has timed out progressing.", now, true);
        } else {
            progressing = ((ObjectNode) oldProgressing).deepCopy();
        }
        conditions.add(progressing);
        if (!complete && !paused && progressing.path("status").asText().equals("True")) {
            armDeadline(deployment, namespace, name);
        } else {
            DeadlineCheck pending = deadlines.remove(namespace + "/" + name);
            if (pending != null) {
                pending.timer.cancel();
            }
        }
        if (Json.same(status, deployment.path("status"))) {
            return;
        }
        store.editStatus(DEPLOYMENTS, namespace, name, current -> current.set("status", status));
    }

    private static boolean sameCounts(JsonNode a, JsonNode b) {
        for (String field : new String[] {"replicas", "updatedReplicas", "readyReplicas", "availableReplicas"}) {
            if (a.path(field).asInt(0) != b.path(field).asInt(0)) {
                return false;
            }
        }
        return a.path("observedGeneration").asLong(0) == b.path("observedGeneration").asLong(0);
    }

    private boolean timedOut(ObjectNode deployment, JsonNode progressing, Instant now) {
        long deadline = deployment.path("spec").path("progressDeadlineSeconds").asLong(600);
        try {
            Instant last = Instant.parse(progressing.path("lastUpdateTime").asText());
            Duration allowed = scheduler.toReal(Duration.ofSeconds(deadline));
            return !now.isBefore(last.plus(allowed).plusSeconds(1));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Looks again once the progress deadline could have passed (simulated time, plus two real seconds for the
     * timestamps' precision); one timer per Deployment at a time.
     */
    private void armDeadline(ObjectNode deployment, String namespace, String name) {
        String key = namespace + "/" + name;
        if (deadlines.containsKey(key)) {
            return;
        }
        long deadline = deployment.path("spec").path("progressDeadlineSeconds").asLong(600);
        Duration twoRealSeconds = Duration.ofMillis((long) Math.ceil(2000 * scheduler.timeScale()));
        DeadlineCheck check = new DeadlineCheck(key, new ReconcileKey(ReconcileKey.Kind.DEPLOYMENT, namespace, name));
        deadlines.put(key, check);
        check.timer = scheduler.schedule(Duration.ofSeconds(deadline).plus(twoRealSeconds), check);
    }

    /** One pending deadline check; arming and cancelling both happen on the cluster's queue, firing elsewhere. */
    private final class DeadlineCheck implements Runnable {
        private final String key;
        private final ReconcileKey again;
        private volatile Scheduler.Timer timer = Scheduler.Timer.NONE;

        DeadlineCheck(String key, ReconcileKey again) {
            this.key = key;
            this.again = again;
        }

        @Override
        public void run() {
            deadlines.remove(key, this);
            queue.add(again);
        }
    }

    private static JsonNode find(JsonNode conditions, String type) {
        for (JsonNode condition : conditions) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        return null;
    }

    /**
     * A condition; lastTransitionTime moves when status changes, lastUpdateTime when it changes or when
     * {@code progress} says something moved. A null value means Unknown.
     */
    private static ObjectNode condition(JsonNode previous, String type, Boolean value, String reason, String message,
                                        Instant now, boolean progress) {
        String text = value == null ? "Unknown" : value ? "True" : "False";
        String time = ClusterStore.timestamp(now);
        JsonNode old = find(previous, type);
        ObjectNode condition = Json.object().put("type", type).put("status", text);
        boolean changed = old == null || !old.path("status").asText().equals(text);
        boolean updated = changed || progress || !old.path("reason").asText().equals(reason);
        condition.put("lastUpdateTime", updated ? time : old.path("lastUpdateTime").asText(time));
        condition.put("lastTransitionTime", changed ? time : old.path("lastTransitionTime").asText(time));
        condition.put("reason", reason).put("message", message);
        return condition;
    }

    /** Deletes old, empty ReplicaSets beyond {@code revisionHistoryLimit} (oldest first), as upstream. */
    private void cleanUp(ObjectNode deployment, Owned newSet, List<Owned> oldSets) {
        int limit = deployment.path("spec").path("revisionHistoryLimit").asInt(10);
        List<Owned> empty = new ArrayList<>();
        for (Owned old : oldSets) {
            if (old.replicas() == 0 && old.statusReplicas() == 0 && !old.name().equals(newSet.name())) {
                empty.add(old);
            }
        }
        empty.sort(Comparator.comparingLong(Owned::revision));
        for (int i = 0; i < empty.size() - limit; i++) {
            try {
                store.delete(REPLICA_SETS, deployment.path("metadata").path("namespace").asText(),
                        empty.get(i).name(), DeleteOptions.DEFAULTS);
            } catch (StoreException e) {
                // Already gone.
            }
        }
    }
}
