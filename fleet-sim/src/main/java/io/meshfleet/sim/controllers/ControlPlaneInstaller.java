package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.SERVICES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.Selector;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoredObject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-cluster effect of a control-plane install, for both of meshfleet's paths: istioctl's {@code meshfleet-install}
 * (the contract in {@code io.meshfleet.sim.release}'s package-info) and any other IstioOperator in istio-system (an
 * in-cluster operator). A new request is applied at once: istiod and the enabled gateways are updated to
 * {@code <spec.hub>/...:<spec.tag>} (their rolling update surges the new pods, which become Ready after
 * {@code controlPlaneInstall}; then the old ones terminate), {@code installed-state} gets the spec, and the status says
 * RECONCILING. It turns HEALTHY once every component runs only new, ready pods; with CONTROL_PLANE_NEVER_READY it
 * stays RECONCILING. An unusable spec ends in ERROR.
 */
final class ControlPlaneInstaller {

    static final String RECONCILING = "RECONCILING";
    static final String HEALTHY = "HEALTHY";
    static final String ERROR = "ERROR";

    private final String cluster;
    private final ClusterStore store;
    private final Scheduler scheduler;
    private final WorkQueue queue;
    private final ControllerEvents events;
    private final PodViews views;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    ControlPlaneInstaller(String cluster, ClusterStore store, Scheduler scheduler, WorkQueue queue,
                          ControllerEvents events, PodViews views) {
        this.cluster = cluster;
        this.views = views;
        this.store = store;
        this.scheduler = scheduler;
        this.queue = queue;
        this.events = events;
    }

    /** Something in istio-system changed: installs in progress look again. */
    void controlPlaneChanged() {
        for (String name : inFlight) {
            queue.add(new ReconcileKey(ReconcileKey.Kind.ISTIO_OPERATOR, Labels.ISTIO_SYSTEM, name));
        }
    }

    void reconcile(String namespace, String name) {
        if (!namespace.equals(Labels.ISTIO_SYSTEM) || name.equals(Labels.INSTALLED_STATE)) {
            return;
        }
        Optional<StoredObject> stored = store.find(ISTIO_OPERATORS, namespace, name);
        if (stored.isEmpty() || stored.get().terminating()) {
            inFlight.remove(name);
            return;
        }
        ObjectNode operator = stored.get().node();
        if (operator.path("metadata").path("annotations").path(Labels.IGNORE_RECONCILE).asText("").equals("true")) {
            return;
        }
        InstallRequest request = InstallRequest.of(operator);
        JsonNode status = operator.path("status");
        if (!request.observedIn(status)) {
            start(request);
        } else if (status.path("status").asText().equals(RECONCILING)) {
            progress(request);
        } else {
            inFlight.remove(name);
        }
    }

    private void start(InstallRequest request) {
        String version = request.spec().path("tag").asText("");
        events.installStarted(cluster, request.operator(), request.key(), version, scheduler.clock().instant());
        ControlPlaneManifest manifest;
        try {
            manifest = ControlPlaneManifest.of(request.spec(), currentHub());
        } catch (ControlPlaneManifest.InvalidSpec e) {
            writeStatus(request, ERROR, e.getMessage(), null);
            events.installFinished(cluster, request.operator(), request.key(), version, ERROR, e.getMessage(),
                    scheduler.clock().instant());
            return;
        }
        apply(manifest);
        writeInstalledState(request.spec());
        inFlight.add(request.operator());
        writeStatus(request, RECONCILING, "", components(manifest, request.spec(), false));
        progress(request);
    }

    private void progress(InstallRequest request) {
        ControlPlaneManifest manifest;
        try {
            manifest = ControlPlaneManifest.of(request.spec(), currentHub());
        } catch (ControlPlaneManifest.InvalidSpec e) {
            return;
        }
        ObjectNode components = components(manifest, request.spec(), true);
        boolean healthy = true;
        for (JsonNode component : components) {
            healthy &= component.path("status").asText().equals(HEALTHY);
        }
        writeStatus(request, healthy ? HEALTHY : RECONCILING, "", components);
        if (healthy) {
            inFlight.remove(request.operator());
            events.installFinished(cluster, request.operator(), request.key(), manifest.tag(), HEALTHY, "",
                    scheduler.clock().instant());
        }
    }

    /** {@code status.componentStatus}: Base at once, each Deployment-backed component once it runs only new pods. */
    private ObjectNode components(ControlPlaneManifest manifest, JsonNode spec, boolean check) {
        ObjectNode components = Json.object();
        components.putObject("Base").put("status", HEALTHY);
        for (ControlPlaneManifest.Component component : manifest.components()) {
            boolean ready = check && rolledOut(component);
            ObjectNode entry = components.withObjectProperty(component.status());
            if (!entry.path("status").asText(HEALTHY).equals(HEALTHY) || !ready) {
                entry.put("status", "UPDATING");
            } else {
                entry.put("status", HEALTHY);
            }
        }
        boolean addons = false;
        for (var addon : spec.path("addonComponents").properties()) {
            addons |= addon.getValue().path("enabled").asBoolean(false);
        }
        if (addons) {
            // Addons (Prometheus, Grafana, Kiali) are not simulated as workloads; they are reported as installed.
            components.putObject("AddonComponents").put("status", HEALTHY);
        }
        return components;
    }

    /** The component's Deployment is fully rolled out and no pod of another image (or terminating) is left. */
    private boolean rolledOut(ControlPlaneManifest.Component component) {
        Optional<StoredObject> stored = store.find(DEPLOYMENTS, Labels.ISTIO_SYSTEM, component.name());
        if (stored.isEmpty()) {
            return false;
        }
        ObjectNode deployment = stored.get().node();
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        JsonNode status = deployment.path("status");
        if (status.path("observedGeneration").asLong(0) < deployment.path("metadata").path("generation").asLong(1)
                || status.path("updatedReplicas").asInt(0) != replicas
                || status.path("availableReplicas").asInt(0) != replicas
                || status.path("replicas").asInt(0) != replicas) {
            return false;
        }
        for (StoredObject object : store.list(PODS, Labels.ISTIO_SYSTEM,
                Selector.labels("app=" + component.app())).items()) {
            if (object.terminating()) {
                return false;
            }
            PodView pod = views.of(object);
            if (!pod.image(component.container()).equals(component.image()) || !pod.ready()) {
                return false;
            }
        }
        return true;
    }

    /** Creates or updates every enabled component; deletes disabled gateways. */
    private void apply(ControlPlaneManifest manifest) {
        for (ControlPlaneManifest.Component component : manifest.components()) {
            Optional<StoredObject> existing = store.find(DEPLOYMENTS, Labels.ISTIO_SYSTEM, component.name());
            if (existing.isEmpty()) {
                store.create(DEPLOYMENTS, Labels.ISTIO_SYSTEM, manifest.deployment(component));
            } else {
                ObjectNode desired = manifest.deployment(component);
                store.edit(DEPLOYMENTS, Labels.ISTIO_SYSTEM, component.name(), current -> {
                    ObjectNode spec = current.withObjectProperty("spec");
                    JsonNode selector = spec.path("selector").deepCopy();
                    ObjectNode next = ((ObjectNode) desired.path("spec")).deepCopy();
                    // The selector is immutable; keep whatever the Deployment was created with.
                    if (!selector.isMissingNode()) {
                        next.set("selector", selector);
                    }
                    current.set("spec", next);
                    current.withObjectProperty("metadata").withObjectProperty("labels")
                            .setAll((ObjectNode) desired.path("metadata").path("labels"));
                });
            }
            if (store.find(SERVICES, Labels.ISTIO_SYSTEM, component.name()).isEmpty()) {
                store.create(SERVICES, Labels.ISTIO_SYSTEM, manifest.service(component));
            }
        }
        for (String name : manifest.removed()) {
            deleteIfPresent(DEPLOYMENTS, name);
            deleteIfPresent(SERVICES, name);
        }
    }

    private void deleteIfPresent(ResourceType type, String name) {
        try {
            store.delete(type, Labels.ISTIO_SYSTEM, name, DeleteOptions.DEFAULTS);
        } catch (StoreException e) {
            // Not there: nothing to remove.
        }
    }

    /** Real istioctl records what it applied in {@code installed-state}, marked for operators to ignore. */
    private void writeInstalledState(JsonNode spec) {
        if (store.find(ISTIO_OPERATORS, Labels.ISTIO_SYSTEM, Labels.INSTALLED_STATE).isEmpty()) {
            store.create(ISTIO_OPERATORS, Labels.ISTIO_SYSTEM, installedState(spec));
        } else {
            store.edit(ISTIO_OPERATORS, Labels.ISTIO_SYSTEM, Labels.INSTALLED_STATE, current -> {
                current.set("spec", spec.deepCopy());
                current.withObjectProperty("metadata").withObjectProperty("annotations")
                        .put(Labels.IGNORE_RECONCILE, "true");
            });
        }
    }

    /** The {@code installed-state} IstioOperator for a spec. */
    static ObjectNode installedState(JsonNode spec) {
        ObjectNode operator = Json.object().put("apiVersion", ISTIO_OPERATORS.apiVersion())
                .put("kind", ISTIO_OPERATORS.kind());
        operator.putObject("metadata").put("name", Labels.INSTALLED_STATE).put("namespace", Labels.ISTIO_SYSTEM)
                .putObject("annotations").put(Labels.IGNORE_RECONCILE, "true");
        operator.set("spec", spec.deepCopy());
        return operator;
    }

    private void writeStatus(InstallRequest request, String state, String message, ObjectNode components) {
        store.editStatus(ISTIO_OPERATORS, Labels.ISTIO_SYSTEM, request.operator(), current -> {
            ObjectNode status = current.withObjectProperty("status");
            status.put("status", state);
            request.markObserved(status);
            if (components != null) {
                status.set("componentStatus", components);
            }
            if (message.isEmpty()) {
                status.remove("message");
            } else {
                status.put("message", message);
            }
        });
    }

    private String currentHub() {
        return MeshImage.current(store, views).map(MeshImage::hub).orElse(ReleaseGenerator.DEFAULT_HUB);
    }
}
