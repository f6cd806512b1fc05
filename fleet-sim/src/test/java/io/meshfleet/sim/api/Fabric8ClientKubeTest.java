package io.meshfleet.sim.api;

import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.TestObjects;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The fabric8 client, configured from the written kubeconfig, against a simulated cluster. */
class Fabric8ClientKubeTest {

    private static TestCluster sim;
    private static KubernetesClient client;

    private String ns;

    @BeforeAll
    static void start() {
        sim = new TestCluster("edge-fabric8");
        client = clientFor(false);
    }

    private static KubernetesClient clientFor(boolean onlyHttpWatches) {
        return clientFor(onlyHttpWatches, Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT);
    }

    private static KubernetesClient clientFor(boolean onlyHttpWatches, int retries) {
        Config config = Config.fromKubeconfig(sim.cluster().name(), sim.kubeconfig().toFile());
        config.setOnlyHttpWatches(onlyHttpWatches);
        config.setRequestRetryBackoffLimit(retries);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    @BeforeEach
    void namespace(TestInfo test) {
        ns = sim.namespace(test.getTestMethod().orElseThrow().getName());
    }

    private ClusterStore store() {
        return sim.store();
    }

    private static Pod pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .build();
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void podCrud() {
        Pod created = client.pods().inNamespace(ns).resource(pod("web", Map.of("app", "web"))).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");

        client.pods().inNamespace(ns).resource(pod("db", Map.of("app", "db"))).create();
        assertThat(client.pods().inNamespace(ns).withLabel("app", "web").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactly("web");
        assertThat(client.pods().inNamespace(ns).withLabelIn("app", "web", "db").list().getItems()).hasSize(2);
        assertThat(client.pods().inNamespace(ns).withoutLabel("app", "web").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactly("db");

        Pod edited = client.pods().inNamespace(ns).withName("web")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "front").endMetadata().build());
        assertThat(edited.getMetadata().getLabels()).containsEntry("tier", "front");

        Pod patched = client.pods().inNamespace(ns).withName("web").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:2\"}]}}");
        assertThat(patched.getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("app:2"));

        Pod stale = created;
        stale.getMetadata().getLabels().put("stale", "true");
        assertThatThrownBy(() -> client.pods().inNamespace(ns).resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                });

        Pod fresh = client.pods().inNamespace(ns).withName("web").get();
        fresh.getMetadata().getLabels().put("fresh", "true");
        assertThat(client.pods().inNamespace(ns).resource(fresh).update().getMetadata().getLabels())
                .containsEntry("fresh", "true");

        assertThatThrownBy(() -> client.pods().inNamespace(ns).resource(pod("web", Map.of())).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        assertThat(client.pods().inNamespace(ns).withName("web").delete()).hasSize(1);
        assertThat(client.pods().inNamespace(ns).withName("web").get()).isNull();
        assertThat(store().get(PODS, ns, "web")).isEmpty();
    }

    @Test
    void deploymentCrudScaleRestartAndCascade() {
        Deployment created = client.apps().deployments().inNamespace(ns).resource(deployment("web", 2)).create();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");

        client.apps().deployments().inNamespace(ns).withName("web").scale(4);
        assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas())
                .isEqualTo(4);

        client.apps().deployments().inNamespace(ns).withName("web").rolling().restart();
        Deployment restarted = client.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(restarted.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt");
        assertThat(restarted.getMetadata().getGeneration()).isEqualTo(3L);

        Deployment applied = deployment("web", 6);
        applied.getMetadata().setNamespace(ns);
        client.apps().deployments().inNamespace(ns).resource(applied).fieldManager("meshfleet").forceConflicts()
                .serverSideApply();
        assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas())
                .isEqualTo(6);

        client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("web-1").withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1").withKind("Deployment").withName("web")
                        .withUid(restarted.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace(ns).withName("web").delete();
        assertThat(store().list(REPLICA_SETS, ns).items()).isEmpty();
    }

    @Test
    void watchOverWebSocketSeesAddModifyDelete() {
        assertWatchSeesChanges(client);
    }

    @Test
    void watchOverChunkedHttpSeesAddModifyDelete() {
        try (KubernetesClient http = clientFor(true)) {
            assertWatchSeesChanges(http);
        }
    }

    private void assertWatchSeesChanges(KubernetesClient watching) {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch watch = watching.pods().inNamespace(ns).watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED " + cause);
            }
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> store().watchCount() > 0);
            store().create(PODS, ns, TestObjects.pod("web", Map.of(), "app"));
            store().editStatus(PODS, ns, "web", p -> TestObjects.running(p, true));
            store().delete(PODS, ns, "web");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(events).containsExactly("ADDED web", "MODIFIED web", "DELETED web"));
        }
    }

    @Test
    void informerReceivesAddUpdateDelete() {
        store().create(PODS, ns, TestObjects.pod("existing", Map.of(), "app"));
        List<String> events = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                events.add("add " + pod.getMetadata().getName());
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                events.add("update " + after.getMetadata().getName() + " " + after.getStatus().getPhase());
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                events.add("delete " + pod.getMetadata().getName());
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
            await().atMost(Duration.ofSeconds(10)).until(() -> store().watchCount() > 0);
            store().create(PODS, ns, TestObjects.pod("web", Map.of(), "app"));
            store().editStatus(PODS, ns, "web", p -> TestObjects.running(p, true));
            store().delete(PODS, ns, "existing");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                    .containsExactly("add existing", "add web", "update web Running", "delete existing"));
            assertThat(informer.getStore().list()).extracting(p -> p.getMetadata().getName()).containsExactly("web");
        } finally {
            informer.close();
        }
    }

    @Test
    void leaseCreateAndRenew() {
        Lease lease = client.leases().inNamespace(ns).resource(new LeaseBuilder()
                .withNewMetadata().withName("orchestrator-leader").endMetadata()
                .withNewSpec().withHolderIdentity("orchestrator-0").withLeaseDurationSeconds(15)
                .withAcquireTime(ZonedDateTime.parse("2025-03-01T10:00:00.000000Z"))
                .withRenewTime(ZonedDateTime.parse("2025-03-01T10:00:00.000000Z")).endSpec().build()).create();
        lease.getSpec().setRenewTime(ZonedDateTime.parse("2025-03-01T10:00:10.000000Z"));
        lease.getSpec().setHolderIdentity("orchestrator-1");
        Lease renewed = client.leases().inNamespace(ns).resource(lease).update();
        assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo("orchestrator-1");
        assertThat(Long.parseLong(renewed.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(lease.getMetadata().getResourceVersion()));

        lease.getSpec().setHolderIdentity("orchestrator-2");
        assertThatThrownBy(() -> client.leases().inNamespace(ns).resource(lease).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void selfSubjectAccessReviewFollowsThePolicy() {
        assertThat(review("create", "apps", "deployments").getStatus().getAllowed()).isTrue();
        sim.cluster().accessPolicy(AccessPolicy.allowAll().deny("create", "apps", "deployments", ns));
        try {
            SelfSubjectAccessReview denied = review("create", "apps", "deployments");
            assertThat(denied.getStatus().getAllowed()).isFalse();
            assertThat(denied.getStatus().getDenied()).isTrue();
            assertThat(review("get", "apps", "deployments").getStatus().getAllowed()).isTrue();
            assertThatThrownBy(() -> client.apps().deployments().inNamespace(ns).resource(deployment("web", 1))
                    .create()).isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(403));
        } finally {
            sim.cluster().accessPolicy(AccessPolicy.allowAll());
        }
    }

    private SelfSubjectAccessReview review(String verb, String group, String resource) {
        return client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource)
                .withNamespace(ns).endResourceAttributes().endSpec().build());
    }

    @Test
    void evictionIsBlockedByAPodDisruptionBudgetAndAllowedWithout() {
        for (String name : List.of("web-1", "web-2")) {
            store().create(PODS, ns, TestObjects.pod(name, Map.of("app", "web"), "app"));
            store().editStatus(PODS, ns, name, p -> TestObjects.running(p, true));
        }
        client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewMinAvailable(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .endSpec().build()).create();

        // fabric8 retries a 429 with exponential backoff (about 19 s with the default 10 retries) before evict()
        // answers false; a client without retries shows the refusal at once.
        try (KubernetesClient noRetries = clientFor(false, 0)) {
            assertThat(noRetries.pods().inNamespace(ns).withName("web-1").evict()).isFalse();
        }
        assertThat(store().get(PODS, ns, "web-1")).isPresent();

        client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("web").delete();
        assertThat(client.pods().inNamespace(ns).withName("web-1").evict()).isTrue();
        assertThat(store().get(PODS, ns, "web-1")).isEmpty();
    }

    @Test
    void istioOperatorAsAGenericResource() {
        GenericKubernetesResource iop = new GenericKubernetesResourceBuilder()
                .withApiVersion("install.istio.io/v1alpha1").withKind("IstioOperator")
                .withNewMetadata().withName("installed-state").endMetadata()
                .addToAdditionalProperties("spec", Map.of("profile", "asm-multicloud",
                        "values", Map.of("global", Map.of("meshID", "mesh1"))))
                .build();
        var iops = client.genericKubernetesResources("install.istio.io/v1alpha1", "IstioOperator");
        iops.inNamespace(ns).resource(iop).create();
        GenericKubernetesResource read = iops.inNamespace(ns).withName("installed-state").get();
        assertThat(read.<String>get("spec", "profile")).isEqualTo("asm-multicloud");
        assertThat(read.<String>get("spec", "values", "global", "meshID")).isEqualTo("mesh1");
        assertThat(iops.inNamespace(ns).list().getItems()).hasSize(1);
    }
}
