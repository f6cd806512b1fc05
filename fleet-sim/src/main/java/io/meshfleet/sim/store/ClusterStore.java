package io.meshfleet.sim.store;

import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.AdmissionRequest.Operation;
import io.meshfleet.sim.store.DeleteOptions.Propagation;
import io.meshfleet.sim.store.WatchHub.Change;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One simulated cluster's API objects, in memory, with the API server's semantics: server-maintained metadata, one
 * resourceVersion counter, optimistic concurrency, status and scale subresources, patches, graceful and cascading
 * deletion, PodDisruptionBudget-aware eviction, admission hooks and watches. The HTTP layer and in-process controllers
 * both call it; every operation is atomic under one lock per cluster, and watch events are delivered after it is
 * released.
 */
public final class ClusterStore {

    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final List<String> SYSTEM_FIELDS = List.of("name", "namespace", "uid", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "generation");

    private final String clusterName;
    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, TreeMap<String, StoredObject>> objects = new HashMap<>();
    private final WatchHub hub;
    private final List<AdmissionHook> admissionHooks = new CopyOnWriteArrayList<>();
    private volatile ResourceTable table;
    private volatile TerminationHook terminationHook = TerminationHook.IMMEDIATE;
    private long resourceVersion;
    private int allocatedClusterIps;

    /** The built-in resources and default options. */
    public ClusterStore(String clusterName, Clock clock) {
        this(clusterName, clock, ResourceTable.builtIn(), StoreOptions.DEFAULTS);
    }

    /** A store serving the given table; creates the bootstrap namespaces. */
    public ClusterStore(String clusterName, Clock clock, ResourceTable table, StoreOptions options) {
        this.clusterName = clusterName;
        this.clock = clock;
        this.table = table;
        this.hub = new WatchHub(options.historyLimit());
        if (table.contains(NAMESPACES)) {
            for (String namespace : options.namespaces()) {
                ObjectNode ns = Json.object();
                ns.putObject("metadata").put("name", namespace);
                create(NAMESPACES, null, ns);
            }
        }
    }

    // ---------------------------------------------------------------- configuration

    /** The cluster's name. */
    public String clusterName() {
        return clusterName;
    }

    /** The clock stamping creation and deletion timestamps. */
    public Clock clock() {
        return clock;
    }

    /** The resource types served. */
    public ResourceTable resources() {
        return table;
    }

    /** Serves one more resource type (as installing a CRD does). */
    public void register(ResourceType type) {
        synchronized (lock) {
            table = table.with(type);
        }
    }

    /** Adds an admission hook, called on every create and update, in the order added. */
    public void addAdmissionHook(AdmissionHook hook) {
        admissionHooks.add(hook);
    }

    /** Removes an admission hook. */
    public void removeAdmissionHook(AdmissionHook hook) {
        admissionHooks.remove(hook);
    }

    /** Sets who decides when a gracefully deleted pod is really gone (default: at once). */
    public void terminationHook(TerminationHook hook) {
        this.terminationHook = hook;
    }

    /** The current resourceVersion of the cluster (the last change's). */
    public long resourceVersion() {
        synchronized (lock) {
            return resourceVersion;
        }
    }

    /** How many objects the store holds. */
    public int objectCount() {
        synchronized (lock) {
            int count = 0;
            for (TreeMap<String, StoredObject> map : objects.values()) {
                count += map.size();
            }
            return count;
        }
    }

    /** The number of running watches. */
    public int watchCount() {
        return hub.subscriptionCount();
    }

    // ---------------------------------------------------------------- reads

    /** The object, as a fresh tree. */
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return find(type, namespace, name).map(StoredObject::node);
    }

    /** The stored object. */
    public Optional<StoredObject> find(ResourceType type, String namespace, String name) {
        synchronized (lock) {
            requireServed(type);
            return Optional.ofNullable(map(type).get(key(type, namespace, name)));
        }
    }

    /** The object or a 404 {@link StoreException}. */
    public ObjectNode require(ResourceType type, String namespace, String name) {
        return find(type, namespace, name).orElseThrow(() -> StoreException.notFound(type, name)).node();
    }

    /** The {@code autoscaling/v1 Scale} of a Deployment, ReplicaSet or StatefulSet. */
    public ObjectNode getScale(ResourceType type, String namespace, String name) {
        requireSubresource(type, Subresource.SCALE);
        return ScaleView.of(require(type, namespace, name));
    }

    /** Every object of the type, in all namespaces. */
    public ObjectList list(ResourceType type) {
        return list(type, null, Selector.ALL);
    }

    /** The objects of the type in a namespace (null: all namespaces). */
    public ObjectList list(ResourceType type, String namespace) {
        return list(type, namespace, Selector.ALL);
    }

    /** The selected objects in a namespace (null: all namespaces), ordered by namespace and name. */
    public ObjectList list(ResourceType type, String namespace, Selector selector) {
        List<StoredObject> candidates;
        long version;
        synchronized (lock) {
            requireServed(type);
            version = resourceVersion;
            candidates = new ArrayList<>(scope(type, namespace));
        }
        if (selector != Selector.ALL) {
            candidates.removeIf(object -> !selector.matches(object));
        }
        return new ObjectList(version, candidates);
    }

    // ---------------------------------------------------------------- writes

    /** Creates an object; metadata.name or generateName must be set. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
        return create(type, namespace, object, WriteOptions.DEFAULTS);
    }

    /** Creates an object. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode object, WriteOptions options) {
        return mutate(() -> {
            requireVerb(type, "create");
            return doCreate(type, namespace, object, options);
        });
    }

    /** Replaces an object (PUT); a set metadata.resourceVersion must be the current one, else 409. */
    public ObjectNode update(ResourceType type, String namespace, ObjectNode object) {
        return update(type, namespace, object.path("metadata").path("name").asText(), object, null,
                WriteOptions.DEFAULTS);
    }

    /** Replaces only the status of an object (PUT .../status). */
    public ObjectNode updateStatus(ResourceType type, String namespace, ObjectNode object) {
        return update(type, namespace, object.path("metadata").path("name").asText(), object, Subresource.STATUS,
                WriteOptions.DEFAULTS);
    }

    /**
     * Replaces an object or one of its subresources: null (the main resource), STATUS, or SCALE (then the body is a
     * Scale and so is the answer).
     */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object,
                             Subresource subresource, WriteOptions options) {
        return mutate(() -> {
            requireVerb(type, "update");
            if (subresource == Subresource.SCALE) {
                requireSubresource(type, Subresource.SCALE);
                ObjectNode workload = requireLocked(type, namespace, name).node();
                ObjectNode next = ScaleView.applyTo(workload, object);
                return ScaleView.of(doUpdate(type, namespace, name, next, null, options));
            }
            if (subresource != null) {
                requireSubresource(type, subresource);
            }
            return doUpdate(type, namespace, name, object, subresource, options);
        });
    }

    /** Patches an object. */
    public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch) {
        return patch(type, namespace, name, patchType, patch, null, WriteOptions.DEFAULTS);
    }

    /**
     * Patches an object or a subresource (null, STATUS or SCALE). APPLY creates the object when it does not exist and
     * otherwise merges like a strategic merge patch.
     */
    public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
                            Subresource subresource, WriteOptions options) {
        return mutate(() -> {
            requireVerb(type, "patch");
            if (subresource != null) {
                requireSubresource(type, subresource);
            }
            return doPatch(type, namespace, name, patchType, patch, subresource, options);
        });
    }

    /** Read-modify-write without conflicts: the change is applied to the current object under the lock. */
    public ObjectNode edit(ResourceType type, String namespace, String name, Consumer<ObjectNode> change) {
        return edit(type, namespace, name, change, null);
    }

    /** {@link #edit} of the status subresource: only what the change does to {@code .status} is kept. */
    public ObjectNode editStatus(ResourceType type, String namespace, String name, Consumer<ObjectNode> change) {
        return edit(type, namespace, name, change, Subresource.STATUS);
    }

    private ObjectNode edit(ResourceType type, String namespace, String name, Consumer<ObjectNode> change,
                            Subresource subresource) {
        return mutate(() -> {
            if (subresource != null) {
                requireSubresource(type, subresource);
            }
            StoredObject current = requireLocked(type, namespace, name);
            ObjectNode node = current.node();
            change.accept(node);
            node.withObjectProperty("metadata").put("resourceVersion", Long.toString(current.resourceVersion()));
            return doUpdate(type, namespace, name, node, subresource, WriteOptions.DEFAULTS, current);
        });
    }

    /** Deletes with default options; answers the object's last (or terminating) state. */
    public ObjectNode delete(ResourceType type, String namespace, String name) {
        return delete(type, namespace, name, DeleteOptions.DEFAULTS);
    }

    /**
     * Deletes an object. Pods with a grace period become Terminating and stay so if the {@link TerminationHook} says;
     * objects with finalizers stay until the finalizers are removed; dependents are deleted (or orphaned); deleting a
     * namespace deletes its content. Answers the object's last (or terminating) state.
     */
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        return mutate(() -> {
            requireVerb(type, "delete");
            return doDelete(type, namespace, name, options);
        });
    }

    /** Deletes every selected object in a namespace (null: all); answers their last states. */
    public List<ObjectNode> deleteCollection(ResourceType type, String namespace, Selector selector,
                                             DeleteOptions options) {
        ObjectList selected = list(type, namespace, selector);
        return mutate(() -> {
            requireVerb(type, "deletecollection");
            List<ObjectNode> deleted = new ArrayList<>();
            for (StoredObject object : selected.items()) {
                if (map(type).containsKey(key(type, object.namespace(), object.name()))) {
                    deleted.add(doDelete(type, object.namespace(), object.name(), options));
                }
            }
            return deleted;
        });
    }

    /**
     * Evicts a pod (POST pods/eviction): refused with 429 when the PodDisruptionBudget selecting it would be violated,
     * otherwise a delete.
     */
    public void evict(String namespace, String podName, DeleteOptions options) {
        mutate(() -> {
            StoredObject pod = requireLocked(PODS, namespace, podName);
            if (!pod.terminating() && table.contains(POD_DISRUPTION_BUDGETS)) {
                ObjectNode podNode = pod.node();
                List<StoredObject> budgets = new ArrayList<>();
                for (StoredObject pdb : scope(POD_DISRUPTION_BUDGETS, namespace)) {
                    if (LabelSelector.fromObject(pdb.node().path("spec").get("selector")).matches(pod.labels())) {
                        budgets.add(pdb);
                    }
                }
                if (budgets.size() > 1) {
                    throw StoreException.of(StatusReason.INTERNAL_ERROR, "This pod has more than one "
                            + "PodDisruptionBudget, which the eviction subresource does not support.");
                }
                if (budgets.size() == 1) {
                    ObjectNode pdb = budgets.get(0).node();
                    LabelSelector selector = LabelSelector.fromObject(pdb.path("spec").get("selector"));
                    List<JsonNode> selected = new ArrayList<>();
                    for (StoredObject candidate : scope(PODS, namespace)) {
                        if (!candidate.terminating() && selector.matches(candidate.labels())) {
                            selected.add(candidate.node());
                        }
                    }
                    DisruptionBudget budget = DisruptionBudget.evaluate(pdb, selected);
                    if (!budget.allowsEviction(podNode)) {
                        throw StoreException.tooManyRequests(
                                "Cannot evict pod as it would violate the pod's disruption budget.",
                                "DisruptionBudget", "The disruption budget " + budget.name() + " needs "
                                        + budget.desiredHealthy() + " healthy pods and has "
                                        + budget.currentHealthy() + " currently");
                    }
                }
            }
            doDelete(PODS, namespace, podName, options);
            return null;
        });
    }

    // ---------------------------------------------------------------- watches

    /** Watches a type in all namespaces: ADDED for every existing object, then every change (an informer's view). */
    public StoreWatch watch(ResourceType type, WatchListener listener) {
        return watch(type, null, Selector.ALL, null, listener);
    }

    /**
     * Watches a type. With resourceVersion null, "" or "0" the watch starts with ADDED for the current objects;
     * with a version it replays the recorded changes after it, or fails with 410 Expired when they are no longer kept.
     */
    public StoreWatch watch(ResourceType type, String namespace, Selector selector, String resourceVersion,
                            WatchListener listener) {
        long from = parseResourceVersion(resourceVersion);
        return mutate(() -> {
            requireServed(type);
            List<StoredObject> current = from <= 0 ? new ArrayList<>(scope(type, namespace)) : List.of();
            return hub.subscribe(type, namespace, selector, from, this.resourceVersion, current, listener);
        });
    }

    /** The oldest resourceVersion a watch may resume from. */
    public long oldestWatchableResourceVersion() {
        synchronized (lock) {
            return hub.compactedResourceVersion();
        }
    }

    private static long parseResourceVersion(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw StoreException.badRequest("resourceVersion: Invalid value: \"" + resourceVersion
                    + "\": must be a number");
        }
    }

    // ---------------------------------------------------------------- internals, all under the lock

    private <T> T mutate(Supplier<T> operation) {
        try {
            synchronized (lock) {
                return operation.get();
            }
        } finally {
            if (!Thread.holdsLock(lock)) {
                hub.drain();
            }
        }
    }

    private ObjectNode doCreate(ResourceType type, String namespace, ObjectNode input, WriteOptions options) {
        requireServed(type);
        ObjectNode object = input.deepCopy();
        typeMeta(type, object);
        ObjectNode meta = object.withObjectProperty("metadata");
        String ns = namespaceFor(type, namespace, meta);
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            String prefix = meta.path("generateName").asText("");
            if (prefix.isEmpty()) {
                throw StoreException.invalid(type, "",
                        "metadata.name: Required value: name or generateName is required");
            }
            name = generateName(type, ns, prefix);
        }
        validateName(type, name);
        if (type.namespaced()) {
            requireNamespaceAccepting(type, ns, name);
        }
        String key = key(type, ns, name);
        if (map(type).containsKey(key)) {
            throw StoreException.alreadyExists(type, name);
        }
        ObjectDefaults.prepareForCreate(type, object, this::nextClusterIp);
        identity(object, name, ns);
        admit(Operation.CREATE, type, null, ns, name, object, null, options.dryRun());
        meta = identity(object, name, ns);
        meta.put("uid", newUid());
        meta.put("creationTimestamp", timestamp(clock.instant()));
        meta.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "resourceVersion"));
        if (type.tracksGeneration()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        if (options.dryRun()) {
            return object;
        }
        meta.put("resourceVersion", Long.toString(++resourceVersion));
        StoredObject stored = StoredObject.of(type, object);
        map(type).put(key, stored);
        hub.record(new Change(WatchEvent.Type.ADDED, stored, null));
        return object;
    }

    private ObjectNode doUpdate(ResourceType type, String namespace, String name, ObjectNode input,
                                Subresource subresource, WriteOptions options) {
        return doUpdate(type, namespace, name, input.deepCopy(), subresource, options, requireLocked(type,
                namespace, name));
    }

    /** An update of an object the store owns (a fresh tree no caller holds). */
    private ObjectNode doUpdate(ResourceType type, String namespace, String name, ObjectNode object,
                                Subresource subresource, WriteOptions options, StoredObject current) {
        ObjectNode old = current.node();
        typeMeta(type, object);
        ObjectNode meta = object.withObjectProperty("metadata");
        String bodyName = meta.path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw StoreException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        namespaceFor(type, current.namespace(), meta);
        String version = meta.path("resourceVersion").asText("");
        if (!version.isEmpty() && !version.equals(Long.toString(current.resourceVersion()))) {
            throw StoreException.conflict(type, name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        String uid = meta.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(current.uid())) {
            throw StoreException.conflict(type, name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + current.uid());
        }
        ObjectNode next;
        if (subresource == Subresource.STATUS) {
            next = old.deepCopy();
            setOrRemove(next, "status", object.get("status"));
        } else {
            next = object;
            if (type.has(Subresource.STATUS)) {
                setOrRemove(next, "status", old.get("status"));
            }
        }
        JsonNode oldMeta = old.path("metadata");
        keepSystemFields(next.withObjectProperty("metadata"), oldMeta);
        admit(Operation.UPDATE, type, subresource, current.namespace(), name, next, old, options.dryRun());
        ObjectNode nextMeta = next.withObjectProperty("metadata");
        keepSystemFields(nextMeta, oldMeta);
        nextMeta.remove("selfLink");
        if (type.tracksGeneration() && specChanged(old, next)) {
            nextMeta.put("generation", oldMeta.path("generation").asLong(0) + 1);
        }
        nextMeta.put("resourceVersion", Long.toString(current.resourceVersion()));
        if (Json.same(next, old)) {
            return old;
        }
        if (options.dryRun()) {
            return next;
        }
        nextMeta.put("resourceVersion", Long.toString(++resourceVersion));
        StoredObject stored = StoredObject.of(type, next);
        map(type).put(key(type, current.namespace(), name), stored);
        hub.record(new Change(WatchEvent.Type.MODIFIED, stored, current));
        if (stored.terminating() && removable(next)) {
            remove(type, stored, next.deepCopy(), Propagation.BACKGROUND);
        }
        return next;
    }

    private ObjectNode doPatch(ResourceType type, String namespace, String name, PatchType patchType, JsonNode body,
                               Subresource subresource, WriteOptions options) {
        if (patchType == null) {
            throw StoreException.unsupportedMediaType("the body of the request was in an unknown format - accepted "
                    + "media types include: application/json-patch+json, application/merge-patch+json, "
                    + "application/apply-patch+yaml, application/strategic-merge-patch+json");
        }
        requireServed(type);
        StoredObject current = map(type).get(key(type, namespace, name));
        if (current == null) {
            if (patchType == PatchType.APPLY && subresource == null && body.isObject()) {
                ObjectNode created = ((ObjectNode) body).deepCopy();
                ObjectNode meta = created.withObjectProperty("metadata");
                String bodyName = meta.path("name").asText("");
                if (!bodyName.isEmpty() && !bodyName.equals(name)) {
                    throw StoreException.badRequest("the name of the object (" + bodyName
                            + ") does not match the name on the URL (" + name + ")");
                }
                meta.put("name", name);
                return doCreate(type, namespace, StrategicMergePatch.apply(Json.object(), created), options);
            }
            throw StoreException.notFound(type, name);
        }
        ObjectNode base = subresource == Subresource.SCALE ? ScaleView.of(current.node()) : current.node();
        JsonNode patched;
        try {
            patched = switch (patchType) {
                case JSON -> JsonPatch.apply(base, body);
                case MERGE -> MergePatch.apply(base, body);
                case STRATEGIC_MERGE, APPLY -> StrategicMergePatch.apply(base, body);
            };
        } catch (PatchException e) {
            throw StoreException.of(StatusReason.INVALID, e.getMessage());
        }
        if (!patched.isObject()) {
            throw StoreException.invalid(type, name, "the patch does not leave an object");
        }
        if (subresource == Subresource.SCALE) {
            ObjectNode next = ScaleView.applyTo(current.node(), patched);
            return ScaleView.of(doUpdate(type, namespace, name, next, null, options));
        }
        return doUpdate(type, namespace, name, (ObjectNode) patched, subresource, options, current);
    }

    private ObjectNode doDelete(ResourceType type, String namespace, String name, DeleteOptions options) {
        StoredObject current = requireLocked(type, namespace, name);
        if (options.preconditionUid() != null && !options.preconditionUid().equals(current.uid())) {
            throw StoreException.conflict(type, name, "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + current.uid());
        }
        if (options.preconditionResourceVersion() != null
                && !options.preconditionResourceVersion().equals(Long.toString(current.resourceVersion()))) {
            throw StoreException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                    + options.preconditionResourceVersion() + ", ResourceVersion in object meta: "
                    + current.resourceVersion());
        }
        ObjectNode object = current.node();
        if (options.dryRun()) {
            return object;
        }
        if (type.key().equals(NAMESPACES.key())) {
            return deleteNamespace(current, object);
        }
        ObjectNode meta = object.withObjectProperty("metadata");
        long grace = 0;
        if (type.key().equals(PODS.key())) {
            grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                    : object.path("spec").path("terminationGracePeriodSeconds").asLong(30);
            String phase = object.path("status").path("phase").asText();
            if (object.path("spec").path("nodeName").asText("").isEmpty()
                    || phase.equals("Succeeded") || phase.equals("Failed")) {
                grace = 0;
            }
            grace = Math.max(0, grace);
        }
        if (!current.terminating() && grace == 0 && removable(object)) {
            remove(type, current, object, options.propagation());
            return object;
        }
        if (current.terminating()) {
            long currentGrace = meta.path("deletionGracePeriodSeconds").asLong(0);
            if (grace >= currentGrace) {
                return object;
            }
        } else if (type.tracksGeneration()) {
            meta.put("generation", meta.path("generation").asLong(0) + 1);
        }
        meta.put("deletionTimestamp", timestamp(clock.instant().plusSeconds(grace)));
        meta.put("deletionGracePeriodSeconds", grace);
        if (grace > 0) {
            if (!terminationHook.removeNow(type, object.deepCopy())) {
                return storeModified(type, current, object);
            }
            meta.put("deletionGracePeriodSeconds", 0);
        }
        if (!removable(object)) {
            return storeModified(type, current, object);
        }
        remove(type, current, object, options.propagation());
        return object;
    }

    private ObjectNode deleteNamespace(StoredObject current, ObjectNode object) {
        if (current.terminating()) {
            return object;
        }
        object.withObjectProperty("metadata").put("deletionTimestamp", timestamp(clock.instant()));
        object.withObjectProperty("status").put("phase", "Terminating");
        ObjectNode terminating = storeModified(NAMESPACES, current, object);
        String ns = current.name();
        for (ResourceType type : table.types()) {
            if (!type.namespaced()) {
                continue;
            }
            for (StoredObject content : new ArrayList<>(scope(type, ns))) {
                if (map(type).containsKey(key(type, ns, content.name()))) {
                    doDelete(type, ns, content.name(), DeleteOptions.DEFAULTS);
                }
            }
        }
        finishNamespaceIfEmpty(ns);
        return terminating;
    }

    private ObjectNode storeModified(ResourceType type, StoredObject current, ObjectNode object) {
        object.withObjectProperty("metadata").put("resourceVersion", Long.toString(++resourceVersion));
        StoredObject stored = StoredObject.of(type, object);
        map(type).put(key(type, current.namespace(), current.name()), stored);
        hub.record(new Change(WatchEvent.Type.MODIFIED, stored, current));
        return object;
    }

    private void remove(ResourceType type, StoredObject current, ObjectNode last, Propagation propagation) {
        last.withObjectProperty("metadata").put("resourceVersion", Long.toString(++resourceVersion));
        StoredObject gone = StoredObject.of(type, last);
        map(type).remove(key(type, current.namespace(), current.name()));
        hub.record(new Change(WatchEvent.Type.DELETED, gone, current));
        cascade(type, current, propagation);
        if (type.namespaced()) {
            finishNamespaceIfEmpty(current.namespace());
        }
    }

    private void cascade(ResourceType ownerType, StoredObject owner, Propagation propagation) {
        List<StoredObject> dependents = new ArrayList<>();
        for (ResourceType type : table.types()) {
            if (ownerType.namespaced() && !type.namespaced()) {
                continue;
            }
            Collection<StoredObject> candidates = ownerType.namespaced()
                    ? scope(type, owner.namespace()) : scope(type, null);
            for (StoredObject candidate : candidates) {
                if (candidate.ownerUids().contains(owner.uid())) {
                    dependents.add(candidate);
                }
            }
        }
        for (StoredObject dependent : dependents) {
            ResourceType type = dependent.type();
            if (!map(type).containsKey(key(type, dependent.namespace(), dependent.name()))) {
                continue;
            }
            if (propagation == Propagation.ORPHAN) {
                ObjectNode node = dependent.node();
                ArrayNode refs = (ArrayNode) node.path("metadata").path("ownerReferences");
                for (int i = refs.size() - 1; i >= 0; i--) {
                    if (refs.get(i).path("uid").asText().equals(owner.uid())) {
                        refs.remove(i);
                    }
                }
                doUpdate(type, dependent.namespace(), dependent.name(), node, null, WriteOptions.DEFAULTS);
            } else {
                doDelete(type, dependent.namespace(), dependent.name(), DeleteOptions.DEFAULTS);
            }
        }
    }

    private void finishNamespaceIfEmpty(String namespace) {
        if (!table.contains(NAMESPACES)) {
            return;
        }
        StoredObject ns = map(NAMESPACES).get(namespace);
        if (ns == null || !ns.terminating()) {
            return;
        }
        for (ResourceType type : table.types()) {
            if (type.namespaced() && !scope(type, namespace).isEmpty()) {
                return;
            }
        }
        ObjectNode last = ns.node();
        if (removable(last)) {
            remove(NAMESPACES, ns, last, Propagation.BACKGROUND);
        }
    }

    private static boolean removable(ObjectNode object) {
        JsonNode meta = object.path("metadata");
        return meta.path("finalizers").isEmpty() && meta.path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    private void admit(Operation operation, ResourceType type, Subresource subresource, String namespace,
                       String name, ObjectNode object, ObjectNode old, boolean dryRun) {
        if (admissionHooks.isEmpty()) {
            return;
        }
        AdmissionRequest request = new AdmissionRequest(operation, type, subresource, namespace, name, object,
                old == null ? null : old.deepCopy(), dryRun);
        for (AdmissionHook hook : admissionHooks) {
            hook.admit(request);
        }
    }

    // ---------------------------------------------------------------- helpers

    private TreeMap<String, StoredObject> map(ResourceType type) {
        return objects.computeIfAbsent(type.key(), k -> new TreeMap<>());
    }

    /** The objects of a type in a namespace (null or cluster-scoped: all), a live view: copy before mutating. */
    private Collection<StoredObject> scope(ResourceType type, String namespace) {
        TreeMap<String, StoredObject> map = objects.get(type.key());
        if (map == null) {
            return List.of();
        }
        if (namespace == null || !type.namespaced()) {
            return map.values();
        }
        return map.subMap(namespace + "/", namespace + "0").values();
    }

    private static String key(ResourceType type, String namespace, String name) {
        return type.namespaced() ? (namespace == null ? "" : namespace) + "/" + name : name;
    }

    private StoredObject requireLocked(ResourceType type, String namespace, String name) {
        requireServed(type);
        StoredObject current = map(type).get(key(type, namespace, name));
        if (current == null) {
            throw StoreException.notFound(type, name);
        }
        return current;
    }

    private void requireServed(ResourceType type) {
        if (!table.contains(type)) {
            throw StoreException.of(StatusReason.NOT_FOUND, "the server could not find the requested resource ("
                    + type.groupResource() + ")");
        }
    }

    private static void requireVerb(ResourceType type, String verb) {
        if (!type.allows(verb)) {
            throw StoreException.methodNotAllowed("the server does not allow this method on the requested resource ("
                    + verb + " " + type.groupResource() + ")");
        }
    }

    private static void requireSubresource(ResourceType type, Subresource subresource) {
        if (!type.has(subresource)) {
            throw StoreException.of(StatusReason.NOT_FOUND, "the server could not find the requested resource ("
                    + type.groupResource() + "/" + subresource.path() + ")");
        }
    }

    private void requireNamespaceAccepting(ResourceType type, String namespace, String name) {
        if (!table.contains(NAMESPACES)) {
            return;
        }
        StoredObject ns = map(NAMESPACES).get(namespace);
        if (ns == null) {
            throw StoreException.notFound(NAMESPACES, namespace);
        }
        if (ns.terminating()) {
            throw StoreException.forbidden(type.groupResource() + " \"" + name + "\" is forbidden: unable to create "
                    + "new content in namespace " + namespace + " because it is being terminated");
        }
    }

    private static void typeMeta(ResourceType type, ObjectNode object) {
        String kind = object.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw StoreException.badRequest("the kind of the object (" + kind + ") does not match the resource ("
                    + type.groupResource() + ", kind " + type.kind() + ")");
        }
        String apiVersion = object.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw StoreException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
    }

    private static String namespaceFor(ResourceType type, String namespace, ObjectNode meta) {
        if (!type.namespaced()) {
            meta.remove("namespace");
            return null;
        }
        String fromBody = meta.path("namespace").asText("");
        String ns = namespace == null || namespace.isEmpty() ? fromBody : namespace;
        if (!fromBody.isEmpty() && !fromBody.equals(ns)) {
            throw StoreException.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
        if (ns.isEmpty()) {
            throw StoreException.badRequest("a namespace is required for " + type.groupResource());
        }
        return ns;
    }

    private static ObjectNode identity(ObjectNode object, String name, String namespace) {
        ObjectNode meta = object.withObjectProperty("metadata");
        meta.put("name", name);
        if (namespace == null) {
            meta.remove("namespace");
        } else {
            meta.put("namespace", namespace);
        }
        return meta;
    }

    private static void validateName(ResourceType type, String name) {
        boolean valid = name.length() <= 253 && !name.contains("/") && !name.contains("%")
                && !name.equals(".") && !name.equals("..")
                && (type.group().equals("rbac.authorization.k8s.io") || DNS_SUBDOMAIN.matcher(name).matches());
        if (!valid) {
            throw StoreException.invalid(type, name, "metadata.name: Invalid value: \"" + name + "\": a lowercase "
                    + "RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
                    + "start and end with an alphanumeric character");
        }
    }

    private static void keepSystemFields(ObjectNode meta, JsonNode oldMeta) {
        for (String field : SYSTEM_FIELDS) {
            setOrRemove(meta, field, oldMeta.get(field));
        }
    }

    private static void setOrRemove(ObjectNode node, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            node.remove(field);
        } else {
            node.set(field, value.deepCopy());
        }
    }

    /** Whether anything outside metadata and status differs (what metadata.generation counts). */
    private static boolean specChanged(ObjectNode old, ObjectNode next) {
        Set<String> fields = new HashSet<>();
        old.fieldNames().forEachRemaining(fields::add);
        next.fieldNames().forEachRemaining(fields::add);
        fields.remove("metadata");
        fields.remove("status");
        for (String field : fields) {
            if (!Json.same(old.get(field), next.get(field))) {
                return true;
            }
        }
        return false;
    }

    private String generateName(ResourceType type, String namespace, String prefix) {
        String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder name = new StringBuilder(base);
            for (int i = 0; i < 5; i++) {
                name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
            }
            if (!map(type).containsKey(key(type, namespace, name.toString()))) {
                return name.toString();
            }
        }
    }

    private static String newUid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private String nextClusterIp() {
        int n = ++allocatedClusterIps;
        return "10.96." + (n / 250) + "." + (n % 250 + 1);
    }

    /** RFC 3339 with second precision, as Kubernetes writes timestamps. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
