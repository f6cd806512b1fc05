package io.meshfleet.sim.fleet;

import static io.meshfleet.sim.store.BuiltInResources.DAEMON_SETS;
import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;
import static io.meshfleet.sim.store.BuiltInResources.JOBS;
import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.NODES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;
import static io.meshfleet.sim.store.BuiltInResources.SERVICES;
import static io.meshfleet.sim.store.BuiltInResources.STATEFUL_SETS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.controllers.ControlPlaneManifest;
import io.meshfleet.sim.controllers.Labels;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.scenario.ClusterSpec;
import io.meshfleet.sim.scenario.Fault;
import io.meshfleet.sim.scenario.MeshSpec;
import io.meshfleet.sim.scenario.NamespaceSpec;
import io.meshfleet.sim.scenario.WorkloadSpec;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a scenario's cluster into its store, as an operator would find it: nodes, the admin/user marker on
 * {@code kube-system}, the control plane at the scenario's version with its {@code installed-state}, the labelled
 * namespaces and their workloads (with Services), and the PodDisruptionBudgets of PDB_BLOCKS faults. The controllers
 * then create the ReplicaSets and pods.
 */
public final class ClusterSeed {

    /** The image registry of the seeded control planes (the ASM 1.5/1.6 releases'). */
    public static final String HUB = ReleaseGenerator.DEFAULT_HUB;
    /** Nodes of a cluster when no DaemonSet asks for more. */
    public static final int DEFAULT_NODES = 3;
    /** Node label that lets a DaemonSet with fewer replicas than nodes run on the first ones only. */
    static final String POOL_LABEL_PREFIX = "sim.meshfleet.io/daemonset-pool-";

    private final ClusterStore store;
    private final ClusterSpec spec;

    private ClusterSeed(ClusterStore store, ClusterSpec spec) {
        this.store = store;
        this.spec = spec;
    }

    /** Seeds the cluster described by {@code spec} into {@code store}. */
    public static void seed(ClusterStore store, ClusterSpec spec) {
        new ClusterSeed(store, spec).seed();
    }

    /** How many nodes the cluster gets: the largest DaemonSet's replicas, at least {@link #DEFAULT_NODES}. */
    public static int nodeCount(ClusterSpec spec) {
        int nodes = DEFAULT_NODES;
        for (NamespaceSpec namespace : spec.namespaces()) {
            for (WorkloadSpec workload : namespace.workloads()) {
                if (workload.kind().equals("DaemonSet")) {
                    nodes = Math.max(nodes, workload.replicas());
                }
            }
        }
        return nodes;
    }

    private void seed() {
        // The cluster's kind and its scenario labels, as an operator marks a real cluster for meshfleet:
        // meshfleet.io/* labels on kube-system (the cluster-agent reports them, prefix removed, as plan labels).
        store.edit(NAMESPACES, null, "kube-system", ns -> {
            var labels = ns.withObjectProperty("metadata").withObjectProperty("labels");
            labels.put(Labels.CLUSTER_KIND, spec.admin() ? "admin" : "user");
            spec.labels().forEach((key, value) -> labels.put(key.contains("/") ? key : Labels.MESHFLEET_PREFIX + key, value));
        });
        nodes();
        MeshSpec mesh = spec.mesh();
        if (mesh != null && mesh.version() != null) {
            controlPlane(mesh);
        }
        for (NamespaceSpec namespace : spec.namespaces()) {
            namespace(namespace);
            for (WorkloadSpec workload : namespace.workloads()) {
                workload(namespace.name(), workload);
            }
        }
        for (Fault fault : spec.faults()) {
            if (fault.type() == Fault.Type.PDB_BLOCKS) {
                blockingBudgets(fault);
            }
        }
    }

    private void nodes() {
        int count = nodeCount(spec);
        List<Integer> pools = new ArrayList<>();
        for (NamespaceSpec namespace : spec.namespaces()) {
            for (WorkloadSpec workload : namespace.workloads()) {
                if (workload.kind().equals("DaemonSet") && workload.replicas() < count) {
                    pools.add(workload.replicas());
                }
            }
        }
        for (int i = 1; i <= count; i++) {
            String name = spec.name() + "-node-" + i;
            ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
            ObjectNode labels = node.putObject("metadata").put("name", name).putObject("labels");
            labels.put("kubernetes.io/hostname", name).put("kubernetes.io/os", "linux")
                    .put("kubernetes.io/arch", "amd64").put("node.kubernetes.io/instance-type", "n1-standard-4");
            for (int pool : pools) {
                if (i <= pool) {
                    labels.put(POOL_LABEL_PREFIX + pool, "true");
                }
            }
            node.putObject("spec").put("podCIDR", "10.64." + i + ".0/24");
            store.create(NODES, null, node);
            String ip = "10.200.0." + (i + 1);
            store.editStatus(NODES, null, name, current -> {
                ObjectNode status = current.putObject("status");
                ObjectNode capacity = status.putObject("capacity");
                capacity.put("cpu", "4").put("memory", "15Gi").put("pods", "110");
                status.set("allocatable", capacity.deepCopy());
                status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                        .put("reason", "KubeletReady").put("message", "kubelet is posting ready status")
                        .put("lastHeartbeatTime", ClusterStore.timestamp(store.clock().instant()))
                        .put("lastTransitionTime", ClusterStore.timestamp(store.clock().instant()));
                var addresses = status.putArray("addresses");
                addresses.addObject().put("type", "InternalIP").put("address", ip);
                addresses.addObject().put("type", "Hostname").put("address", name);
                status.putObject("nodeInfo").put("kubeletVersion", "v1.32.4").put("osImage", "Container-Optimized OS")
                        .put("containerRuntimeVersion", "containerd://1.7.24").put("operatingSystem", "linux")
                        .put("architecture", "amd64");
            });
        }
    }

    private void controlPlane(MeshSpec mesh) {
        ObjectNode ns = Json.object();
        ns.putObject("metadata").put("name", Labels.ISTIO_SYSTEM);
        store.create(NAMESPACES, null, ns);
        ObjectNode iopSpec = InstalledState.spec(mesh.version(), mesh.profile(), HUB, mesh.features());
        ObjectNode installed = Json.object().put("apiVersion", ISTIO_OPERATORS.apiVersion())
                .put("kind", ISTIO_OPERATORS.kind());
        installed.putObject("metadata").put("name", Labels.INSTALLED_STATE).put("namespace", Labels.ISTIO_SYSTEM)
                .putObject("annotations").put(Labels.IGNORE_RECONCILE, "true");
        installed.set("spec", iopSpec);
        store.create(ISTIO_OPERATORS, Labels.ISTIO_SYSTEM, installed);
        ControlPlaneManifest manifest = ControlPlaneManifest.of(iopSpec, HUB);
        for (ControlPlaneManifest.Component component : manifest.components()) {
            store.create(DEPLOYMENTS, Labels.ISTIO_SYSTEM, manifest.deployment(component));
            store.create(SERVICES, Labels.ISTIO_SYSTEM, manifest.service(component));
        }
    }

    private void namespace(NamespaceSpec namespace) {
        ObjectNode ns = Json.object();
        ObjectNode labels = ns.putObject("metadata").put("name", namespace.name()).putObject("labels");
        namespace.labels().forEach(labels::put);
        labels.put(Labels.ISTIO_INJECTION, namespace.injection() ? "enabled" : "disabled");
        if (store.find(NAMESPACES, null, namespace.name()).isPresent()) {
            store.edit(NAMESPACES, null, namespace.name(), current -> current.withObjectProperty("metadata")
                    .withObjectProperty("labels").setAll(labels));
        } else {
            store.create(NAMESPACES, null, ns);
        }
    }

    private void workload(String namespace, WorkloadSpec workload) {
        String name = workload.name();
        ObjectNode template = podTemplate(name, workload.kind().equals("Job"));
        switch (workload.kind()) {
            case "Deployment" -> {
                ObjectNode deployment = object("apps/v1", "Deployment", namespace, name);
                ObjectNode spec = deployment.putObject("spec").put("replicas", workload.replicas());
                spec.putObject("selector").putObject("matchLabels").put("app", name);
                spec.set("template", template);
                store.create(DEPLOYMENTS, namespace, deployment);
                store.create(SERVICES, namespace, service(namespace, name, false));
            }
            case "StatefulSet" -> {
                store.create(SERVICES, namespace, service(namespace, name, true));
                ObjectNode sts = object("apps/v1", "StatefulSet", namespace, name);
                ObjectNode spec = sts.putObject("spec").put("replicas", workload.replicas()).put("serviceName", name);
                spec.putObject("selector").putObject("matchLabels").put("app", name);
                spec.set("template", template);
                store.create(STATEFUL_SETS, namespace, sts);
            }
            case "DaemonSet" -> {
                ObjectNode ds = object("apps/v1", "DaemonSet", namespace, name);
                ObjectNode spec = ds.putObject("spec");
                spec.putObject("selector").putObject("matchLabels").put("app", name);
                if (workload.replicas() < nodeCount(this.spec)) {
                    template.withObjectProperty("spec").putObject("nodeSelector")
                            .put(POOL_LABEL_PREFIX + workload.replicas(), "true");
                }
                spec.set("template", template);
                store.create(DAEMON_SETS, namespace, ds);
            }
            case "Job" -> {
                ObjectNode job = object("batch/v1", "Job", namespace, name);
                ObjectNode spec = job.putObject("spec").put("parallelism", Math.max(1, workload.replicas()))
                        .put("completions", Math.max(1, workload.replicas()));
                spec.set("template", template);
                store.create(JOBS, namespace, job);
            }
            case "Pod" -> {
                ObjectNode pod = object("v1", "Pod", namespace, name);
                pod.set("metadata", template.path("metadata").deepCopy());
                ((ObjectNode) pod.path("metadata")).put("name", name).put("namespace", namespace);
                pod.set("spec", template.path("spec").deepCopy());
                store.create(PODS, namespace, pod);
            }
            default -> throw new IllegalArgumentException("unknown workload kind " + workload.kind());
        }
    }

    private static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
        ObjectNode object = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        object.putObject("metadata").put("name", name).put("namespace", namespace).putObject("labels")
                .put("app", name);
        return object;
    }

    private static ObjectNode podTemplate(String name, boolean job) {
        ObjectNode template = Json.object();
        template.putObject("metadata").putObject("labels").put("app", name).put("version", "v1");
        ObjectNode spec = template.putObject("spec");
        ObjectNode container = spec.putArray("containers").addObject().put("name", name)
                .put("image", "registry.meshfleet.io/sim/" + name + ":1.0");
        container.putArray("ports").addObject().put("containerPort", 8080).put("name", "http");
        container.putObject("resources").putObject("requests").put("cpu", "50m").put("memory", "64Mi");
        spec.put("terminationGracePeriodSeconds", 30);
        if (job) {
            spec.put("restartPolicy", "Never");
        }
        return template;
    }

    private static ObjectNode service(String namespace, String name, boolean headless) {
        ObjectNode service = object("v1", "Service", namespace, name);
        ObjectNode spec = service.putObject("spec");
        spec.putObject("selector").put("app", name);
        spec.putArray("ports").addObject().put("name", "http").put("port", 80).put("targetPort", 8080);
        if (headless) {
            spec.put("clusterIP", "None");
        }
        return service;
    }

    /** PDB_BLOCKS: a budget with maxUnavailable 0 over each affected workload, so evictions are refused. */
    private void blockingBudgets(Fault fault) {
        for (NamespaceSpec namespace : spec.namespaces()) {
            if (fault.namespace() != null && !fault.namespace().equals(namespace.name())) {
                continue;
            }
            for (WorkloadSpec workload : namespace.workloads()) {
                if (fault.workload() != null && !fault.workload().equals(workload.name())) {
                    continue;
                }
                ObjectNode pdb = object("policy/v1", "PodDisruptionBudget", namespace.name(), workload.name() + "-pdb");
                ObjectNode pdbSpec = pdb.putObject("spec").put("maxUnavailable", 0);
                pdbSpec.putObject("selector").putObject("matchLabels").put("app", workload.name());
                store.create(POD_DISRUPTION_BUDGETS, namespace.name(), pdb);
            }
        }
    }
}
