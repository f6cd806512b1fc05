package io.meshfleet.sim.store;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.CONFIG_MAPS;
import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;
import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.NODES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;
import static io.meshfleet.sim.store.TestObjects.deployment;
import static io.meshfleet.sim.store.TestObjects.namespace;
import static io.meshfleet.sim.store.TestObjects.ownerReference;
import static io.meshfleet.sim.store.TestObjects.pod;
import static io.meshfleet.sim.store.TestObjects.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private ClusterStore store;

    @BeforeEach
    void setUp() {
        store = new ClusterStore("test", clock);
        store.create(NAMESPACES, null, namespace("shop"));
    }

    private static StatusReason reasonOf(Runnable call) {
        try {
            call.run();
        } catch (StoreException e) {
            return e.reason();
        }
        throw new AssertionError("expected a StoreException");
    }

    @Test
    void bootstrapsTheNamespacesOfAFreshCluster() {
        assertThat(store.list(NAMESPACES).names())
                .containsExactly("default", "kube-node-lease", "kube-public", "kube-system", "shop");
    }

    @Test
    void createFillsServerMetadata() {
        ObjectNode created = store.create(PODS, "shop", pod("web", Map.of("app", "web"), "app"));
        ObjectNode meta = (ObjectNode) created.get("metadata");
        assertThat(meta.path("uid").asText()).hasSize(36);
        assertThat(meta.path("creationTimestamp").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(meta.path("resourceVersion").asLong()).isEqualTo(store.resourceVersion());
        assertThat(meta.path("namespace").asText()).isEqualTo("shop");
        assertThat(created.path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(created.path("spec").path("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(meta.has("generation")).isFalse();
        assertThat(store.create(DEPLOYMENTS, "shop", deployment("web", 2)).path("metadata").path("generation").asInt())
                .isEqualTo(1);
    }

    @Test
    void resourceVersionIsOneCounterPerCluster() {
        long before = store.resourceVersion();
        store.create(PODS, "shop", pod("a", Map.of(), "app"));
        store.create(DEPLOYMENTS, "shop", deployment("d", 1));
        store.edit(PODS, "shop", "a", p -> p.withObjectProperty("metadata").putObject("labels").put("x", "y"));
        assertThat(store.resourceVersion()).isEqualTo(before + 3);
    }

    @Test
    void generateNameMakesUniqueNames() {
        ObjectNode pod = pod("", Map.of(), "app");
        ((ObjectNode) pod.get("metadata")).remove("name");
        ((ObjectNode) pod.get("metadata")).put("generateName", "web-");
        String first = store.create(PODS, "shop", pod).path("metadata").path("name").asText();
        String second = store.create(PODS, "shop", pod).path("metadata").path("name").asText();
        assertThat(first).startsWith("web-").hasSize(9).isNotEqualTo(second);
    }

    @Test
    void createRefusals() {
        store.create(PODS, "shop", pod("web", Map.of(), "app"));
        assertThat(reasonOf(() -> store.create(PODS, "shop", pod("web", Map.of(), "app"))))
                .isEqualTo(StatusReason.ALREADY_EXISTS);
        assertThat(reasonOf(() -> store.create(PODS, "nowhere", pod("web", Map.of(), "app"))))
                .isEqualTo(StatusReason.NOT_FOUND);
        assertThat(reasonOf(() -> store.create(PODS, "shop", pod("Not_Valid", Map.of(), "app"))))
                .isEqualTo(StatusReason.INVALID);
        ObjectNode unnamed = pod("x", Map.of(), "app");
        ((ObjectNode) unnamed.get("metadata")).remove("name");
        assertThat(reasonOf(() -> store.create(PODS, "shop", unnamed))).isEqualTo(StatusReason.INVALID);
        ObjectNode wrongKind = pod("y", Map.of(), "app").put("kind", "Service");
        assertThat(reasonOf(() -> store.create(PODS, "shop", wrongKind))).isEqualTo(StatusReason.BAD_REQUEST);
        ObjectNode otherNamespace = pod("z", Map.of(), "app");
        ((ObjectNode) otherNamespace.get("metadata")).put("namespace", "default");
        assertThat(reasonOf(() -> store.create(PODS, "shop", otherNamespace))).isEqualTo(StatusReason.BAD_REQUEST);
    }

    @Test
    void updateWithAStaleResourceVersionIsAConflict() {
        ObjectNode created = store.create(CONFIG_MAPS, "shop", configMap("cfg", "v1"));
        ObjectNode first = created.deepCopy();
        first.putObject("data").put("k", "v2");
        ObjectNode updated = store.update(CONFIG_MAPS, "shop", first);
        assertThat(updated.path("metadata").path("resourceVersion").asLong())
                .isGreaterThan(created.path("metadata").path("resourceVersion").asLong());

        ObjectNode stale = created.deepCopy();
        stale.putObject("data").put("k", "v3");
        assertThatThrownBy(() -> store.update(CONFIG_MAPS, "shop", stale))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"cfg\": the "
                            + "object has been modified; please apply your changes to the latest version and try again");
                });

        ObjectNode unconditional = created.deepCopy();
        ((ObjectNode) unconditional.get("metadata")).remove("resourceVersion");
        unconditional.putObject("data").put("k", "v4");
        assertThat(store.update(CONFIG_MAPS, "shop", unconditional).path("data").path("k").asText()).isEqualTo("v4");
    }

    @Test
    void aPatchCarryingAStaleResourceVersionIsAConflict() {
        ObjectNode created = store.create(CONFIG_MAPS, "shop", configMap("cfg", "v1"));
        store.patch(CONFIG_MAPS, "shop", "cfg", PatchType.MERGE, Json.parse("{\"data\":{\"k\":\"v2\"}}".getBytes()));
        String staleVersion = created.path("metadata").path("resourceVersion").asText();
        assertThat(reasonOf(() -> store.patch(CONFIG_MAPS, "shop", "cfg", PatchType.MERGE,
                Json.parse(("{\"metadata\":{\"resourceVersion\":\"" + staleVersion + "\"},\"data\":{\"k\":\"v3\"}}")
                        .getBytes())))).isEqualTo(StatusReason.CONFLICT);
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheResourceVersion() {
        ObjectNode created = store.create(CONFIG_MAPS, "shop", configMap("cfg", "v1"));
        long version = store.resourceVersion();
        ObjectNode same = store.update(CONFIG_MAPS, "shop", created);
        assertThat(same.path("metadata").path("resourceVersion").asLong()).isEqualTo(version);
        assertThat(store.resourceVersion()).isEqualTo(version);
    }

    @Test
    void generationCountsSpecChangesOnly() {
        store.create(DEPLOYMENTS, "shop", deployment("web", 1));
        store.edit(DEPLOYMENTS, "shop", "web", d -> d.withObjectProperty("metadata").withObjectProperty("labels").put("tier", "front"));
        assertThat(generation("web")).isEqualTo(1);
        store.edit(DEPLOYMENTS, "shop", "web", d -> d.withObjectProperty("spec").put("replicas", 3));
        assertThat(generation("web")).isEqualTo(2);
        store.editStatus(DEPLOYMENTS, "shop", "web", d -> d.putObject("status").put("replicas", 3));
        assertThat(generation("web")).isEqualTo(2);
    }

    private long generation(String name) {
        return store.require(DEPLOYMENTS, "shop", name).path("metadata").path("generation").asLong();
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        store.create(DEPLOYMENTS, "shop", deployment("web", 1));
        ObjectNode withStatus = store.require(DEPLOYMENTS, "shop", "web");
        withStatus.putObject("status").put("readyReplicas", 1);
        withStatus.withObjectProperty("spec").put("replicas", 2);
        ObjectNode afterMain = store.update(DEPLOYMENTS, "shop", withStatus);
        assertThat(afterMain.has("status")).isFalse();
        assertThat(afterMain.path("spec").path("replicas").asInt()).isEqualTo(2);

        ObjectNode statusUpdate = afterMain.deepCopy();
        statusUpdate.putObject("status").put("readyReplicas", 2);
        statusUpdate.withObjectProperty("spec").put("replicas", 9);
        ObjectNode afterStatus = store.updateStatus(DEPLOYMENTS, "shop", statusUpdate);
        assertThat(afterStatus.path("status").path("readyReplicas").asInt()).isEqualTo(2);
        assertThat(afterStatus.path("spec").path("replicas").asInt()).isEqualTo(2);

        ObjectNode patched = store.patch(DEPLOYMENTS, "shop", "web", PatchType.MERGE,
                Json.parse("{\"status\":{\"availableReplicas\":2}}".getBytes()), Subresource.STATUS,
                WriteOptions.DEFAULTS);
        assertThat(patched.path("status").path("availableReplicas").asInt()).isEqualTo(2);
    }

    @Test
    void scaleSubresource() {
        store.create(DEPLOYMENTS, "shop", deployment("web", 1));
        ObjectNode scale = store.getScale(DEPLOYMENTS, "shop", "web");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=web");
        store.patch(DEPLOYMENTS, "shop", "web", PatchType.MERGE,
                Json.parse("{\"spec\":{\"replicas\":4}}".getBytes()), Subresource.SCALE, WriteOptions.DEFAULTS);
        assertThat(store.require(DEPLOYMENTS, "shop", "web").path("spec").path("replicas").asInt()).isEqualTo(4);
    }

    @Test
    void serverSideApplyCreatesThenMerges() {
        ObjectNode applied = store.patch(DEPLOYMENTS, "shop", "web", PatchType.APPLY, deployment("web", 2));
        assertThat(applied.path("metadata").path("generation").asInt()).isEqualTo(1);
        ObjectNode again = deployment("web", 3);
        ((ObjectNode) again.get("metadata")).putObject("labels").put("extra", "yes");
        ObjectNode merged = store.patch(DEPLOYMENTS, "shop", "web", PatchType.APPLY, again);
        assertThat(merged.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(merged.path("metadata").path("labels").path("extra").asText()).isEqualTo("yes");
        assertThat(merged.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
    }

    @Test
    void dryRunPersistsNothing() {
        long version = store.resourceVersion();
        ObjectNode result = store.create(PODS, "shop", pod("dry", Map.of(), "app"), new WriteOptions(true, null));
        assertThat(result.path("metadata").path("name").asText()).isEqualTo("dry");
        assertThat(store.get(PODS, "shop", "dry")).isEmpty();
        assertThat(store.resourceVersion()).isEqualTo(version);
    }

    @Test
    void deletingADeploymentCascadesThroughItsReplicaSetsToThePods() {
        ObjectNode deploy = store.create(DEPLOYMENTS, "shop", deployment("web", 1));
        ObjectNode rs = deployment("web-abc", 1).put("kind", "ReplicaSet");
        ((ObjectNode) rs.get("metadata")).putArray("ownerReferences").add(ownerReference(deploy));
        ObjectNode replicaSet = store.create(REPLICA_SETS, "shop", rs);
        ObjectNode p = pod("web-abc-x1", Map.of("app", "web"), "app");
        ((ObjectNode) p.get("metadata")).putArray("ownerReferences").add(ownerReference(replicaSet));
        store.create(PODS, "shop", p);
        store.create(PODS, "shop", pod("bystander", Map.of("app", "web"), "app"));

        store.delete(DEPLOYMENTS, "shop", "web");

        assertThat(store.list(REPLICA_SETS, "shop").items()).isEmpty();
        assertThat(store.list(PODS, "shop").names()).containsExactly("bystander");
    }

    @Test
    void orphanPropagationKeepsDependentsWithoutTheOwnerReference() {
        ObjectNode deploy = store.create(DEPLOYMENTS, "shop", deployment("web", 1));
        ObjectNode rs = deployment("web-abc", 1).put("kind", "ReplicaSet");
        ((ObjectNode) rs.get("metadata")).putArray("ownerReferences").add(ownerReference(deploy));
        store.create(REPLICA_SETS, "shop", rs);
        store.delete(DEPLOYMENTS, "shop", "web", DeleteOptions.DEFAULTS.withPropagation(DeleteOptions.Propagation.ORPHAN));
        ObjectNode orphan = store.require(REPLICA_SETS, "shop", "web-abc");
        assertThat(orphan.path("metadata").path("ownerReferences")).isEmpty();
    }

    @Test
    void aTerminationHookKeepsScheduledPodsTerminatingUntilTheKubeletRemovesThem() {
        List<String> terminating = new ArrayList<>();
        store.terminationHook((type, pod) -> {
            terminating.add(pod.path("metadata").path("name").asText());
            return false;
        });
        ObjectNode p = pod("web", Map.of(), "app");
        ((ObjectNode) p.get("spec")).put("nodeName", "node-a");
        store.create(PODS, "shop", p);

        ObjectNode marked = store.delete(PODS, "shop", "web");

        assertThat(terminating).containsExactly("web");
        assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isEqualTo("2025-03-01T10:00:30Z");
        assertThat(marked.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(store.find(PODS, "shop", "web")).get().extracting(StoredObject::terminating).isEqualTo(true);

        store.delete(PODS, "shop", "web");
        assertThat(store.find(PODS, "shop", "web")).isPresent();

        store.delete(PODS, "shop", "web", DeleteOptions.immediately());
        assertThat(store.find(PODS, "shop", "web")).isEmpty();
    }

    @Test
    void unscheduledPodsAndTheDefaultHookRemoveAtOnce() {
        store.create(PODS, "shop", pod("pending", Map.of(), "app"));
        ObjectNode p = pod("scheduled", Map.of(), "app");
        ((ObjectNode) p.get("spec")).put("nodeName", "node-a");
        store.create(PODS, "shop", p);
        store.delete(PODS, "shop", "pending");
        store.delete(PODS, "shop", "scheduled");
        assertThat(store.list(PODS, "shop").items()).isEmpty();
    }

    @Test
    void finalizersHoldDeletionUntilRemoved() {
        ObjectNode cm = configMap("cfg", "v1");
        ((ObjectNode) cm.get("metadata")).putArray("finalizers").add("example.com/hold");
        store.create(CONFIG_MAPS, "shop", cm);
        store.delete(CONFIG_MAPS, "shop", "cfg");
        assertThat(store.find(CONFIG_MAPS, "shop", "cfg")).get().extracting(StoredObject::terminating).isEqualTo(true);
        store.edit(CONFIG_MAPS, "shop", "cfg", c -> c.withObjectProperty("metadata").putArray("finalizers"));
        assertThat(store.find(CONFIG_MAPS, "shop", "cfg")).isEmpty();
    }

    @Test
    void deletingANamespaceDeletesItsContent() {
        store.create(PODS, "shop", pod("web", Map.of(), "app"));
        store.create(DEPLOYMENTS, "shop", deployment("web", 1));
        store.delete(NAMESPACES, null, "shop");
        assertThat(store.get(NAMESPACES, null, "shop")).isEmpty();
        assertThat(store.list(PODS).items()).isEmpty();
        assertThat(store.list(DEPLOYMENTS).items()).isEmpty();
    }

    @Test
    void aNamespaceWaitsForTerminatingPodsAndRefusesNewContent() {
        store.terminationHook((type, pod) -> false);
        ObjectNode p = pod("web", Map.of(), "app");
        ((ObjectNode) p.get("spec")).put("nodeName", "node-a");
        store.create(PODS, "shop", p);
        store.delete(NAMESPACES, null, "shop");
        assertThat(store.require(NAMESPACES, null, "shop").path("status").path("phase").asText())
                .isEqualTo("Terminating");
        assertThat(reasonOf(() -> store.create(PODS, "shop", pod("late", Map.of(), "app"))))
                .isEqualTo(StatusReason.FORBIDDEN);
        store.delete(PODS, "shop", "web", DeleteOptions.immediately());
        assertThat(store.get(NAMESPACES, null, "shop")).isEmpty();
    }

    @Test
    void listsFilterBySelectorsAndNamespace() {
        store.create(NAMESPACES, null, namespace("other"));
        store.create(PODS, "shop", pod("web-1", Map.of("app", "web"), "app"));
        store.create(PODS, "shop", pod("web-2", Map.of("app", "web", "canary", "true"), "app"));
        store.create(PODS, "shop", pod("db-1", Map.of("app", "db"), "app"));
        store.create(PODS, "other", pod("web-1", Map.of("app", "web"), "app"));
        store.editStatus(PODS, "shop", "web-1", p -> p.withObjectProperty("status").put("phase", "Running"));

        assertThat(store.list(PODS, "shop").names()).containsExactly("db-1", "web-1", "web-2");
        assertThat(store.list(PODS).items()).hasSize(4);
        assertThat(store.list(PODS, "shop", Selector.labels("app=web,!canary")).names()).containsExactly("web-1");
        assertThat(store.list(PODS, null, Selector.labels("app in (web)")).items()).hasSize(3);
        assertThat(store.list(PODS, "shop", Selector.fields("status.phase=Running")).names()).containsExactly("web-1");
        assertThat(store.list(PODS, null, Selector.fields("metadata.namespace=other")).names())
                .containsExactly("web-1");
    }

    @Test
    void admissionHooksMutateAndRefuse() {
        store.addAdmissionHook(request -> {
            if (request.resource().equals(PODS) && request.operation() == AdmissionRequest.Operation.CREATE) {
                ObjectNode spec = (ObjectNode) request.object().get("spec");
                spec.withArrayProperty("containers").addObject().put("name", "istio-proxy").put("image", "proxy:1.6");
                request.object().withObjectProperty("metadata").withObjectProperty("annotations").put("sidecar.istio.io/status", "injected");
            }
            if (request.object().path("metadata").path("labels").has("forbidden")) {
                throw StoreException.forbidden("admission webhook denied the request");
            }
        });
        ObjectNode created = store.create(PODS, "shop", pod("web", Map.of(), "app"));
        assertThat(created.path("spec").path("containers")).hasSize(2);
        assertThat(store.require(PODS, "shop", "web").path("metadata").path("annotations")
                .path("sidecar.istio.io/status").asText()).isEqualTo("injected");
        assertThat(reasonOf(() -> store.create(PODS, "shop", pod("no", Map.of("forbidden", "x"), "app"))))
                .isEqualTo(StatusReason.FORBIDDEN);
    }

    @Test
    void evictionHonoursThePodDisruptionBudget() {
        for (String name : List.of("web-1", "web-2")) {
            store.create(PODS, "shop", pod(name, Map.of("app", "web"), "app"));
            store.editStatus(PODS, "shop", name, p -> running(p, true));
        }
        ObjectNode pdb = Json.object();
        pdb.putObject("metadata").put("name", "web");
        ObjectNode spec = pdb.putObject("spec").put("minAvailable", 2);
        spec.putObject("selector").putObject("matchLabels").put("app", "web");
        store.create(POD_DISRUPTION_BUDGETS, "shop", pdb);

        assertThatThrownBy(() -> store.evict("shop", "web-1", DeleteOptions.DEFAULTS))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.toStatus().path("details").path("causes").get(0).path("message").asText())
                            .isEqualTo("The disruption budget web needs 2 healthy pods and has 2 currently");
                });

        store.edit(POD_DISRUPTION_BUDGETS, "shop", "web", b -> b.withObjectProperty("spec").put("minAvailable", 1));
        store.evict("shop", "web-1", DeleteOptions.DEFAULTS);
        assertThat(store.list(PODS, "shop").names()).containsExactly("web-2");
        assertThat(reasonOf(() -> store.evict("shop", "web-2", DeleteOptions.DEFAULTS)))
                .isEqualTo(StatusReason.TOO_MANY_REQUESTS);
    }

    @Test
    void evictionWithoutABudgetIsADelete() {
        store.create(PODS, "shop", pod("solo", Map.of("app", "solo"), "app"));
        store.evict("shop", "solo", DeleteOptions.DEFAULTS);
        assertThat(store.get(PODS, "shop", "solo")).isEmpty();
    }

    @Test
    void customResourcesAreDataDriven() {
        ResourceType widgets = ResourceType.namespaced("example.com", "v1", "Widget", "widgets")
                .withShortNames("wd");
        assertThat(reasonOf(() -> store.list(widgets))).isEqualTo(StatusReason.NOT_FOUND);
        store.register(widgets);
        ObjectNode widget = Json.object().put("apiVersion", "example.com/v1").put("kind", "Widget");
        widget.putObject("metadata").put("name", "w1");
        store.create(widgets, "shop", widget);
        assertThat(store.list(widgets, "shop").names()).containsExactly("w1");
        ObjectNode iop = Json.object();
        iop.putObject("metadata").put("name", "installed-state");
        iop.putObject("spec").put("profile", "asm-multicloud");
        store.create(NAMESPACES, null, namespace("istio-system"));
        assertThat(store.create(ISTIO_OPERATORS, "istio-system", iop).path("kind").asText()).isEqualTo("IstioOperator");
    }

    @Test
    void clusterScopedObjectsHaveNoNamespace() {
        ObjectNode node = Json.object();
        node.putObject("metadata").put("name", "node-a").put("namespace", "ignored");
        ObjectNode created = store.create(NODES, null, node);
        assertThat(created.path("metadata").has("namespace")).isFalse();
        assertThat(store.get(NODES, null, "node-a")).isPresent();
    }

    @Test
    void creationTimestampsComeFromTheInjectedClock() {
        clock.advance(Duration.ofHours(2));
        assertThat(store.create(PODS, "shop", pod("late", Map.of(), "app")).path("metadata")
                .path("creationTimestamp").asText()).isEqualTo("2025-03-01T12:00:00Z");
    }

    static ObjectNode configMap(String name, String value) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name);
        cm.putObject("data").put("k", value);
        return cm;
    }
}
